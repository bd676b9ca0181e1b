/**
 * Notifications: one message model (code, params, the project, Chinese text, recipients) and its three
 * channels — the list in the service, the webhook through the outbox, the console's bell. Messages are made by
 * an engine observer (every committed event) and by the due-warning sweep (the scheduler).
 */
export type {
  MessageCode,
  MessageContent,
  MessageView,
  NewMessage,
  ProjectRef,
  Recipient,
} from './message.ts';
export { projectOf } from './message.ts';
export {
  acceptedMessage,
  deniedMessage,
  departmentDecidedMessage,
  feeAssessedMessage,
  inspectionScheduledMessage,
  licenceIssuedMessage,
  licenceLapsingMessage,
  pledgeDueMessage,
  refusedMessage,
  supplementRequestedMessage,
  taskDueMessage,
  taskOverdueMessage,
  type MaterialRequest,
} from './message-text.ts';
export { pledgeLicenceRevokedMessage, pledgeRectificationOrderedMessage } from './pledge-messages.ts';
export { projectIssueEscalatedMessage, projectLightChangedMessage } from './project-message-text.ts';
export { notificationObserver, type NotificationDeps } from './observer.ts';
export { caseRecipients } from './recipients.ts';
export { insertMessage, NOTIFICATION_OUTBOX_TYPE, type WebhookPayload } from './store.ts';
export { sweepDueWarnings, type DueWarningDeps, type DueWarningResult } from './due-warnings.ts';
export {
  MESSAGE_ID_HEADER,
  SIGNATURE_HEADER,
  signBody,
  webhookDeliverer,
  type WebhookSettings,
} from './webhook.ts';
export { NOTIFICATION_ROUTES, notificationsRouter } from './routes.ts';
