/**
 * The bulletins slice: the archive of issued 通报. Issuing freezes a draft under the next 期号 of
 * its year; nothing in the archive is ever edited afterwards (an issued document is reprinted as
 * it was, src/domain/bulletin/archive.ts).
 */
import { chineseDate, issueBulletin, mergeArchives, type IssuedBulletin } from '@/domain/bulletin/archive';
import { localDay } from '@/lib/ids';
import { shell as t } from '@/lib/strings-shell';
import type { BulletinSlice } from '@/store/api';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';
import { writerName } from '@/store/slices/progress';
import { refuseUnlessOffice } from '@/store/slices/signing';

export function createBulletinSlice(set: SetState, get: GetState, ctx: StoreContext, initial: { issued: IssuedBulletin[] }): BulletinSlice {
  return {
    issued: initial.issued,
    issueBulletin: (content) => {
      const s = get();
      refuseUnlessOffice(s);
      const now = ctx.now();
      const dateText = chineseDate(localDay(now));
      const issued = issueBulletin({
        id: ctx.newId(),
        content,
        archive: s.issued,
        planId: s.plan.id,
        issuedAt: now.toISOString(),
        issuedBy: writerName(s.identity),
        issueLine: t.report.issue,
        dateText,
        printed: t.report.printed(dateText),
      });
      set({ issued: mergeArchives(s.issued, [issued]) });
      return issued;
    },
  };
}
