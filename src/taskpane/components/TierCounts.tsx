import { makeStyles, Text } from "@fluentui/react-components";
import { percentText, TIERS, type Consolidation } from "../../core";
import { useStrings } from "../strings-context";
import { TierBadge } from "./TierBadge";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
});

/** Branches per tier and the pass rate of a consolidation. */
export function TierCounts({
  consolidation,
}: {
  readonly consolidation: Pick<Consolidation, "counts" | "passRate">;
}) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <div className={styles.row} data-testid="tier-counts">
      <Text weight="semibold">{t.consolidate.counts}</Text>
      {TIERS.map((tier) => (
        <span key={tier}>
          <TierBadge tier={tier} size="medium" /> {consolidation.counts[tier]}
        </span>
      ))}
      <Text>{t.consolidate.passRate(percentText(consolidation.passRate))}</Text>
    </div>
  );
}
