import { formatDate } from '../../../platform/format/format.js';
import { Notice } from '../../../platform/http/views/layout.js';

/** The warning that the next year's RKPDes is past its deadline (30 September) without one adopted. */
export function LateRkpdes({ late, code, lang }: { late: { year: number; deadline: string }; code: string; lang: 'id' | 'en' }) {
  const deadline = formatDate(late.deadline, lang);
  return (
    <Notice kind="warn">
      {lang === 'en'
        ? `The ${late.year} RKPDes has not been adopted, and its deadline (${deadline}) has passed. The ${late.year} budget is drawn up from it. `
        : `RKPDes ${late.year} belum ditetapkan, padahal batas waktunya (${deadline}) sudah lewat. APBDes ${late.year} disusun berdasarkan RKPDes ini. `}
      <a href={`/desa/${code}/perencanaan`}>{lang === 'en' ? 'Village plans' : 'Buka perencanaan desa'}</a>
    </Notice>
  );
}
