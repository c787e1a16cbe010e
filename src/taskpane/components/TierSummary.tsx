import { Caption1, Field, makeStyles, ProgressBar, Text, tokens } from "@fluentui/react-components";
import type { Assessment } from "../../core";
import { useStrings } from "../strings-context";
import { TierBadge } from "./TierBadge";

const useStyles = makeStyles({
  head: { display: "flex", alignItems: "center", gap: "12px" },
  total: {
    fontSize: tokens.fontSizeHero700,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightHero700,
  },
  bars: { display: "flex", flexDirection: "column", gap: "4px" },
  gap: {
    backgroundColor: tokens.colorNeutralBackground3,
    padding: "8px",
    borderRadius: tokens.borderRadiusMedium,
  },
  caps: { margin: 0, paddingLeft: "18px", fontSize: tokens.fontSizeBase200 },
});

/** The live result: tier, total, a bar per section, what holds the tier down and the gap to the next one. */
export function TierSummary({ assessment }: { readonly assessment: Assessment }) {
  const t = useStrings();
  const styles = useStyles();
  const max = assessment.sections.reduce((sum, s) => sum + s.max, 0);
  return (
    <>
      <div className={styles.head} data-testid="tier-summary">
        <TierBadge tier={assessment.tier.tier} size="extra-large" />
        <span className={styles.total} data-testid="final-total">
          {assessment.totals.final}
        </span>
        <Caption1>
          / {max} · {t.check.self} {assessment.totals.self}
        </Caption1>
      </div>
      <div className={styles.bars}>
        <Text weight="semibold">{t.check.sections}</Text>
        {assessment.sections.map((s) => (
          <Field key={s.code} label={`${s.title}  ${s.final}/${s.max}`} validationState="none">
            <ProgressBar
              value={s.max > 0 ? s.final / s.max : 0}
              thickness="large"
              color={s.final / s.max >= 0.8 ? "success" : "warning"}
            />
          </Field>
        ))}
      </div>
      {assessment.tier.caps.length > 0 && (
        <div>
          <Text weight="semibold">{t.check.caps}</Text>
          <ul className={styles.caps}>
            {assessment.tier.caps.map((c) => (
              <li key={c.reason}>{c.reason}</li>
            ))}
          </ul>
        </div>
      )}
      <div className={styles.gap}>
        <Text weight="semibold">{t.check.gap}：</Text>
        <Text data-testid="gap">{assessment.gap.summary}</Text>
      </div>
    </>
  );
}
