/**
 * Problem and field codes of materials (part of the registries in problem-wording.ts and field-wording.ts),
 * with their English and Chinese sentences.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
const list = (value: WordParams[string]): readonly string[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [String(value)];

// A reader knows a file by its format (PDF, JPEG), not by its media type (application/pdf).
const format = (mediaType: string) =>
  mediaType === 'application/octet-stream'
    ? '无法识别'
    : (mediaType.split('/').pop() ?? mediaType).replace(/^vnd\./, '').toUpperCase();
const formats = (value: WordParams[string]) => list(value).map(format).join('、');

// A size in the unit a reader thinks in.
const size = (value: WordParams[string]) => {
  const bytes = Number(value);
  if (!Number.isFinite(bytes)) return s(value);
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} 字节`;
};

// The electronic licences a material may cite, and their statuses, as a reader names them.
const LICENCE_TYPES_ZH: Record<string, string> = {
  'construction-permit': '建筑工程施工许可证',
  'construction-planning-permit': '建设工程规划许可证',
  'real-estate-title': '不动产权证书',
  'completion-certificate': '竣工联合验收合格证书',
};
const licenceType = (value: WordParams[string]) => LICENCE_TYPES_ZH[s(value)] ?? s(value);
const LICENCE_STATUS_ZH: Record<string, string> = {
  valid: '有效',
  in_force: '有效（已开工）',
  lapsed: '已失效',
  revoked: '已撤销',
  superseded: '已被更正后的证照取代',
};
const licenceStatus = (value: WordParams[string]) => LICENCE_STATUS_ZH[s(value)] ?? `状态为 ${s(value)}`;

/** Problem codes (a refusal's `code`). */
export const MATERIALS_PROBLEMS = {
  'no-application-workflow': {
    en: (p) => `no application workflow ${s(p.workflow)}`,
    zh: (p, n) => `没有审批事项“${n.workflow(s(p.workflow))}”`,
  },
  'no-material-catalog': {
    en: (p) => `${s(p.workflow)} has no published material catalog`,
    zh: (p, n) => `“${n.workflow(s(p.workflow))}”尚未公布材料清单`,
  },
  'material-catalog-admin-only': {
    en: () => 'only administrators publish material catalogs',
    zh: () => '只有平台管理员可以发布材料清单',
  },
  'material-catalog-invalid': {
    en: () => 'the catalog is not valid; fix the items listed',
    zh: () => '材料清单有误，请按提示修改',
  },
  'materials-by-enterprise': {
    en: () => 'materials are handed in by the enterprise (or its agent)',
    zh: () => '材料由建设单位（或其代办员）提交',
  },
  'case-read-only': {
    en: () => 'you may read this case but not act on it',
    zh: () => '您只能查看本件，不能办理',
  },
  'only-pledged-materials': {
    en: (p) => `only the pledged materials (${s(p.materials)}) are taken now`,
    zh: (p) => `本件目前只接收承诺后补的材料（${list(p.materials).join('、')}）`,
  },
  'materials-not-taken-now': {
    en: () => 'materials are taken while the case is a draft, supplementing, or has them pledged',
    zh: () => '本件目前不接收材料：材料只能在填写申请、补正材料或承诺后补期间提交',
  },
  'no-material': {
    en: (p) => `no material ${s(p.id)} on this case`,
    zh: (p) => `本件没有编号为 ${s(p.id)} 的材料`,
  },
  'material-has-no-file': {
    en: (p) => `material ${s(p.id)} cites licence ${s(p.licence)}; it has no file`,
    zh: (p) => `该材料引用的是电子证照 ${s(p.licence)}，没有可下载的文件`,
  },
  'range-outside-file': {
    en: (p) => `the file has ${s(p.size)} bytes; ask for a range inside it`,
    zh: (p) => `文件只有 ${size(p.size)}，无法读取所请求的部分`,
  },
  'material-body-type': {
    en: () => 'send the file as multipart/form-data, or JSON {code, reuse} / {code, licence}',
    zh: () => '请上传文件，或选择要复用的材料、要引用的电子证照',
  },
  'name-what-to-attach': {
    en: () => 'name what to attach',
    zh: () => '请上传文件，或选择要复用的材料、要引用的电子证照',
  },
  'nothing-to-reuse': { en: () => 'nothing to reuse', zh: () => '没有可以复用的材料' },
  'licence-cited-not-reused': {
    en: () => 'a cited licence is cited again, not reused',
    zh: () => '所选材料是引用的电子证照，请直接引用该证照',
  },
  'reused-type-not-taken': {
    en: (p) => `${s(p.material)} takes ${s(p.allowed)}, not ${s(p.mediaType)}`,
    zh: (p) =>
      `该材料只接受 ${formats(p.allowed)} 格式的文件，所选材料的文件格式为 ${format(s(p.mediaType))}`,
  },
  'file-type-not-taken': {
    en: (p) => `${s(p.material)} takes ${s(p.allowed)}; the content of this file is ${s(p.mediaType)}`,
    zh: (p) => `该材料只接受 ${formats(p.allowed)} 格式的文件，所上传文件的格式为 ${format(s(p.mediaType))}`,
  },
  'file-too-large': {
    en: (p) => `${s(p.material)} takes files of at most ${s(p.max)} bytes`,
    zh: (p) => `该材料的文件最大为 ${size(p.max)}`,
  },
  'file-over-limit': {
    en: (p) => `the file is larger than the ${s(p.limit)} bytes allowed`,
    zh: (p) => `文件超过允许的大小（${size(p.limit)}）`,
  },
  'empty-file': {
    en: () => 'the file is empty; send the paper itself',
    zh: () => '文件是空的，请上传材料本身',
  },
  'not-a-licence-item': {
    en: (p) => `${s(p.material)} cannot be a cited licence`,
    zh: () => '该材料不能以电子证照代替，请上传文件',
  },
  'licence-not-held': {
    en: (p) => `no electronic licence ${s(p.number)} held by ${s(p.enterprise)}`,
    zh: (p) => `本单位没有编号为 ${s(p.number)} 的电子证照，请核对证照编号`,
  },
  'licence-wrong-type': {
    en: (p) =>
      `${s(p.material)} takes a licence of type ${list(p.allowed).join(' or ')}, not ${s(p.licenceType)}`,
    zh: (p) =>
      `该材料须引用${list(p.allowed).map(licenceType).join('或')}，所引用的是${licenceType(p.licenceType)}`,
  },
  'licence-not-valid': {
    en: (p) => `licence ${s(p.number)} is ${s(p.status)}, not valid`,
    zh: (p) => `电子证照 ${s(p.number)} ${licenceStatus(p.status)}，不能引用`,
  },
  'not-multipart': {
    en: () => 'the body is not multipart/form-data with a boundary',
    zh: () => '上传的内容无法识别，请重新上传文件',
  },
  'multipart-broken': {
    en: () => 'the multipart body is broken',
    zh: () => '上传的内容已损坏，请重新上传文件',
  },
  'file-part-name': {
    en: () => 'send the file in the part named `file`',
    zh: () => '文件未按要求提交，请重新上传',
  },
  'two-parts': {
    en: () => 'send two parts: `code` and `file`',
    zh: () => '每次只需提交材料名称和一个文件',
  },
  'one-file': { en: () => 'send one file per request', zh: () => '每次只能上传一个文件' },
  'no-file-part': {
    en: () => 'the body has no `file` part; send the file in the part named `file`',
    zh: () => '没有收到文件，请选择要上传的文件',
  },
  'name-catalog-item': { en: () => 'name the catalog item', zh: () => '请选择要提交的材料' },
  'guide-facts-invalid': {
    en: () => 'some facts given are not valid; fix the fields listed',
    zh: () => '所填信息有误，请按提示修改',
  },
} satisfies Record<string, Sentence>;

/** Field codes (a field error's `code`). */
export const MATERIALS_FIELDS = {
  // Rules the schemas name in `x-error` for materials (material-submission, material-catalog, and the
  // REQUEST_SUPPLEMENT data of event-content).
  'catalog-item-code': {
    en: () => "must be the code of an item of the case's material catalog",
    zh: () => '须为本事项材料清单中的材料',
  },
  'supplement-materials': {
    en: () => 'must list the materials asked for, each as {code, reason}',
    zh: () => '须列出需要补正的材料，并逐项写明原因',
  },
  'supplement-reason': {
    en: () => 'must say what is wrong or missing',
    zh: () => '须写明材料有什么问题或缺少什么',
  },
  'material-id': {
    en: () => 'must be the id (a UUID) of a material',
    zh: () => '须为已提交材料的编号',
  },
  'material-code-format': {
    en: () => 'must be 2 to 64 characters: lowercase letters, digits and hyphens',
    zh: () => '须为 2 至 64 个字符，只能使用小写字母、数字和连字符',
  },
  'legal-basis': {
    en: () => 'must cite the legal basis that asks for this paper',
    zh: () => '须写明要求提交该材料的法律依据',
  },
  'department-not-in-workflow': {
    en: (p) => `${s(p.department)} takes no part in ${s(p.workflow)}; departments there: ${s(p.departments)}`,
    zh: (p, n) =>
      `${n.dept(s(p.department))}不参与“${n.workflow(s(p.workflow))}”；参与的部门：${list(p.departments)
        .map((d) => n.dept(d))
        .join('、')}`,
  },
  'condition-has-id': { en: () => 'must not carry an $id', zh: () => '适用条件不能带有 $id' },
  'condition-unusable': {
    en: () => 'is not a usable JSON Schema',
    zh: () => '适用条件的写法有误，无法使用',
  },
  'no-material-to-reuse': {
    en: (p) => `no material ${s(p.id)} of enterprise ${s(p.enterprise)} on another case`,
    zh: (p) => `本单位的其他办件中没有编号为 ${s(p.id)} 的材料`,
  },
  'cite-licence-instead': {
    en: (p) => `cite licence ${s(p.licence)} with {code, licence}`,
    zh: (p) => `请直接引用电子证照 ${s(p.licence)}`,
  },
  'takes-no-licence': {
    en: (p) => `${s(p.material)} takes no electronic licence; upload the file`,
    zh: () => '该材料不能以电子证照代替，请上传文件',
  },
  'not-enterprise-licence': {
    en: () => 'is not a licence of this enterprise',
    zh: () => '不是本单位的电子证照',
  },
  'licence-of-type': {
    en: (p) => `is a ${s(p.licenceType)}`,
    zh: (p) => `所引用的是${licenceType(p.licenceType)}`,
  },
  'licence-status': {
    en: (p) => `is ${s(p.status)}`,
    zh: (p) => `该证照${licenceStatus(p.status)}`,
  },
  'reuse-or-licence': {
    en: () => 'give reuse (a material id) or licence (a licence number), or upload a file',
    zh: () => '请选择要复用的材料或要引用的电子证照，或上传文件',
  },
  'not-missing-material': {
    en: () => 'is not a missing required material of this case',
    zh: () => '不是本件尚缺的必需材料',
  },
  'not-pledgeable': {
    en: () => 'may not follow under a pledge (not pledgeable)',
    zh: () => '该材料不允许承诺后补',
  },
} satisfies Record<string, Sentence>;
