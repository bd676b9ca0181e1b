/** The words of the expert review inside an approval (特别程序), in English. */
export const enSpecialProcedure = {
  'event.START_EXPERT_REVIEW': 'Expert review started (special procedure)',
  'event.RECORD_EXPERT_OPINION': "Experts' opinion recorded, clock running again",
  'event.EXPERT_REVIEW_CAP_REACHED': 'Expert review reached its cap, clock running again',
  'eventHelp.START_EXPERT_REVIEW':
    "State why the part goes to experts. Meanwhile this department's and the case's clocks stop (at most 20 working days); the applicant is told in writing.",
  'eventHelp.RECORD_EXPERT_OPINION':
    "Record the experts' opinion: the expert review ends, the clock runs again and the department resumes its review.",
  'lanes.expertReview': 'Expert review',
  'state.expertReview': 'Expert review (special procedure)',
  'lanes.specialDays': 'plus {days} working days of expert review, not counted',
  'case.stoppedDays': 'Clock stopped',
  'case.stoppedSplit':
    '{applicant} working days for the applicant, {special} for expert review (special procedure)',
};
