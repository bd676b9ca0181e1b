/**
 * Working days the window has to accept an application or ask once for everything missing (Administrative
 * Licensing Law art. 32). Past them the application counts as accepted when it was received. The workflows'
 * intake task and the deemed acceptance of the case figures both read it here; it imports nothing, so any layer
 * may.
 */
export const INTAKE_WORKING_DAYS = 5;
