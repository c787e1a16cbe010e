import { Badge } from "@fluentui/react-components";
import type { Tier } from "../../core";
import { useStrings } from "../strings-context";

const COLOUR: Record<Tier, "danger" | "warning" | "success" | "informative"> = {
  示范: "danger",
  先进: "warning",
  达标: "success",
  未达标: "informative",
};

/** A tier as a coloured badge (示范 in the Party's red). */
export function TierBadge(props: {
  readonly tier: Tier;
  readonly size?: "medium" | "large" | "extra-large";
}) {
  const t = useStrings();
  return (
    <Badge appearance="filled" color={COLOUR[props.tier]} size={props.size ?? "large"}>
      {t.tiers[props.tier]}
    </Badge>
  );
}
