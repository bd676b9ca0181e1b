/** The words of the expert review inside an approval (特别程序), in Chinese. */
export const zhSpecialProcedure = {
  'event.START_EXPERT_REVIEW': '组织专家评审（特别程序）',
  'event.RECORD_EXPERT_OPINION': '录入专家评审意见，恢复计时',
  'event.EXPERT_REVIEW_CAP_REACHED': '专家评审期满，恢复计时',
  'eventHelp.START_EXPERT_REVIEW':
    '写明组织专家评审的理由。评审期间本部门和本件的审批时限暂停计算（最长 20 个工作日），申请人将收到书面告知。',
  'eventHelp.RECORD_EXPERT_OPINION': '录入专家评审意见；专家评审结束，审批时限恢复计算，本部门继续审查。',
  'lanes.expertReview': '专家评审中',
  'state.expertReview': '专家评审（特别程序）',
  'lanes.specialDays': '另有专家评审 {days} 个工作日，不计入时限',
  'case.stoppedDays': '停止计时',
  'case.stoppedSplit': '申请人补正等 {applicant} 个工作日，专家评审（特别程序）{special} 个工作日',
};
