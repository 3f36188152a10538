/**
 * A traffic light as colour + shape + word, so it reads in grey print and for colour-blind
 * users: ■ 红灯, ▲ 黄灯, ● 绿灯, ✓ 已完成.
 */
import { memo } from 'react';
import type { Light } from '@/domain/lights';
import { t } from '@/lib/strings';

export const LIGHT_SHAPE: Record<Light, string> = { red: '■', yellow: '▲', green: '●', done: '✓' };
export const LIGHT_LABEL: Record<Light, string> = {
  red: t.lights.red,
  yellow: t.lights.yellow,
  green: t.lights.green,
  done: t.lights.done,
};
export const LIGHT_HINT: Record<Light, string> = {
  red: t.lights.redHint,
  yellow: t.lights.yellowHint,
  green: t.lights.greenHint,
  done: t.lights.doneHint,
};

export const LightBadge = memo(function LightBadge({ light, reason }: { light: Light; reason?: string }) {
  return (
    <span className={`light light--${light}`} title={reason ?? LIGHT_HINT[light]}>
      <span className="light__shape" aria-hidden="true">
        {LIGHT_SHAPE[light]}
      </span>
      <span className="light__label">{LIGHT_LABEL[light]}</span>
    </span>
  );
});
