import type { EventContext } from "@touchpoint/protocol";
import type { Channel } from "./channel-names.js";
import { CHANNEL_RULES, type ChannelRule } from "./channel-rules.js";
import { channelSignals } from "./channel-signals.js";

export interface ClassifyChannelOptions {
  /** The site's own host ("shop.example"); referrers from it or its subdomains are internal. */
  siteHost?: string | null;
}

/** The channel of a session, from the context of its first event: the first CHANNEL_RULES row that matches. */
export function classifyChannel(context: EventContext, options: ClassifyChannelOptions = {}): Channel {
  const signals = channelSignals(context, options.siteHost);
  // The last row matches everything, so there always is a rule.
  const rule = CHANNEL_RULES.find((row) => row.test(signals)) as ChannelRule;
  return typeof rule.channel === "function" ? rule.channel(signals) : rule.channel;
}
