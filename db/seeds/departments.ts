/** The departments of the service centre, with the codes clerks carry in their token's `org` claim. */
export const departments: ReadonlyArray<{ code: string; name: string; name_zh: string }> = [
  { code: 'window', name: 'Single window', name_zh: '综合窗口' },
  { code: 'planning', name: 'Natural resources and planning', name_zh: '自然资源和规划' },
  { code: 'housing', name: 'Housing and urban-rural development', name_zh: '住房和城乡建设' },
  { code: 'fire', name: 'Fire design review and acceptance', name_zh: '消防设计审查验收' },
  { code: 'civil-defense', name: 'Civil air defence', name_zh: '人民防空' },
  { code: 'environment', name: 'Ecology and environment', name_zh: '生态环境' },
  { code: 'archives', name: 'Urban construction archives', name_zh: '城建档案' },
  { code: 'land', name: 'Land verification', name_zh: '土地核验' },
  { code: 'meteorology', name: 'Meteorology (lightning protection)', name_zh: '气象（防雷）' },
  { code: 'quality', name: 'Construction quality supervision', name_zh: '质量监督' },
  {
    code: 'development-reform',
    name: 'Development and reform (project filing and approval)',
    name_zh: '发展和改革',
  },
  {
    code: 'natural-resources',
    name: 'Natural resources (land pre-examination and site selection)',
    name_zh: '自然资源（用地预审）',
  },
  {
    code: 'investment-promotion',
    name: 'Investment promotion (review officer)',
    name_zh: '投资促进（项目预审）',
  },
];
