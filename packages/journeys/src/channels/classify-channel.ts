import type { EventContext } from "@touchpoint/protocol";
import type { Channel } from "./channel-names.js";
import { CHANNEL_RULES, type ChannelRule } from "./channel-rules.js";
import { channelSignals, type ChannelSignals } from "./channel-signals.js";

export interface ClassifyChannelOptions {
  /** The site's own host ("shop.example"); a referrer from it or its subdomains is navigation inside the site, not a source. */
  siteHost?: string | null;
}

/** The channel of a session, from the context of its first event: the first CHANNEL_RULES row that matches. */
export function classifyChannel(context: EventContext, options: ClassifyChannelOptions = {}): Channel {
  return channelOfSignals(channelSignals(context, options.siteHost));
}

export function channelOfSignals(signals: ChannelSignals): Channel {
  // The last row matches everything, so there always is a rule.
  const rule = CHANNEL_RULES.find((row) => row.test(signals)) as ChannelRule;
  return typeof rule.channel === "function" ? rule.channel(signals) : rule.channel;
}
