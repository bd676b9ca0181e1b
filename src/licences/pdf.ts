/**
 * The licence as an A4 document in Chinese (pdfkit): every printed field, the QR code of the verification page
 * (qrcode), the key id and the signature's fingerprint, in the Chinese font every document shares (src/pdf/).
 */
import { dayToIso, shanghaiDay } from '../calendar/index.ts';
import { openCjkDocument } from '../pdf/cjk-document.ts';
import { signatureFingerprint } from './signature.ts';
import type { LicenceView } from './view.ts';

/** The title of each type, as printed. */
export const LICENCE_TITLE: Record<LicenceView['type'], string> = {
  'construction-permit': '建筑工程施工许可证',
  'completion-certificate': '竣工联合验收合格证书',
};

/** The status as printed and shown on the verification page. */
export const STATUS_ZH: Record<LicenceView['status'], string> = {
  valid: '有效',
  in_force: '有效（已开工）',
  lapsed: '已失效',
  revoked: '已撤销',
  superseded: '已被更正证照取代',
};

const USE_ZH: Record<string, string> = {
  residential: '住宅',
  commercial: '商业',
  industrial: '工业',
  public: '公共建筑',
  infrastructure: '基础设施',
  mixed: '综合',
};

/** The rows "what the licence covers" prints, in order. */
function coverRows(covers: Record<string, unknown>): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const area = (v: unknown) => `${String(v)} 平方米`;
  const unit = (v: unknown) => {
    const u = v as { name?: string; uscc?: string } | undefined;
    return u ? `${u.name ?? ''}（${u.uscc ?? ''}）` : '';
  };
  const add = (field: string, label: string, format: (v: unknown) => string = String) => {
    if (covers[field] !== undefined && covers[field] !== null) rows.push([label, format(covers[field])]);
  };
  add('useCategory', '建筑用途', (v) => USE_ZH[String(v)] ?? String(v));
  add('floorAreaM2', '总建筑面积', area);
  add('undergroundAreaM2', '地下建筑面积', area);
  add('siteAreaM2', '用地面积', area);
  add('buildingHeightM', '建筑高度', (v) => `${String(v)} 米`);
  add('storeys', '层数', (v) => `${String(v)} 层`);
  add('contractPriceYuan', '合同价格', (v) => `${String(v)} 元`);
  add('landParcel', '宗地编号');
  add('completedOn', '竣工日期');
  add('constructionPermitNo', '施工许可证编号');
  add('constructionUnit', '施工单位', unit);
  add('designUnit', '设计单位', unit);
  return rows;
}

/** Renders the document; `at` is the moment whose status it prints. */
export async function licencePdf(view: LicenceView, at: Date): Promise<Buffer> {
  const { default: QRCode } = await import('qrcode');
  const qr = await QRCode.toBuffer(view.verificationUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 360,
  });
  const { doc, done } = await openCjkDocument({ title: `${LICENCE_TITLE[view.type]} ${view.number}` });

  doc.font('bold').fontSize(24).text(LICENCE_TITLE[view.type], { align: 'center' });
  doc.moveDown(0.3);
  doc.font('regular').fontSize(11).text(`编号：${view.number}`, { align: 'center' });
  doc.moveDown(1);

  const rows: Array<[string, string]> = [
    ['持证单位', view.holder.name],
    ['统一社会信用代码', view.holder.uscc],
    ['项目名称', view.project.name],
    ['项目代码', view.project.code ?? '—'],
    ['建设地点', view.project.location ?? '—'],
    ['发证日期', shanghaiDate(view.issuedAt)],
    ...(view.startWorksBy ? ([['开工期限', `${view.startWorksBy} 前开工`]] as Array<[string, string]>) : []),
    ...view.extensions.map((e, i): [string, string] => [
      `第${i + 1}次延期`,
      `${e.months} 个月，至 ${e.startWorksBy}`,
    ]),
    ...coverRows(view.covers),
    ...(view.supersedes ? ([['更正并取代', view.supersedes]] as Array<[string, string]>) : []),
    ['证照状态', `${STATUS_ZH[view.status]}（截至 ${shanghaiDate(at.toISOString())}）`],
  ];
  if (view.revokedAt) rows.push(['撤销原因', view.revocationReason ?? '']);
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('bold').fontSize(11).text(label, 56, y, { width: 130 });
    const afterLabel = doc.y;
    doc.font('regular').fontSize(11).text(value, 196, y, { width: 343 });
    doc.y = Math.max(afterLabel, doc.y) + 6;
  }

  const qrTop = Math.max(doc.y + 12, 560);
  doc.image(qr, 56, qrTop, { width: 130 });
  doc
    .font('regular')
    .fontSize(9)
    .text('扫描二维码或访问以下地址核验本证照的实时状态：', 206, qrTop + 4, { width: 333 })
    .text(view.verificationUrl, { width: 333 })
    .moveDown(0.6)
    .text(`签名算法：SM2-SM3（GB/T 32918，用户标识 1234567812345678）`, { width: 333 })
    .text(`密钥标识：${view.signature.keyId}`, { width: 333 })
    .text(`签名指纹（SHA-256）：${signatureFingerprint(view.signature.value)}`, { width: 333 })
    .moveDown(0.6)
    .text('本电子证照与纸质证照具有同等法律效力。', { width: 333 });
  doc.end();
  return done;
}

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
const shanghaiDate = (iso: string): string => dayToIso(shanghaiDay(iso));
