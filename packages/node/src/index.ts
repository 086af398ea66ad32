export { createServerTracker, type ServerTracker } from "./server-tracker.js";
export type {
  DeliveryError,
  FlatValue,
  IdentifyInput,
  Moment,
  OutgoingEvent,
  Properties,
  PropertyValue,
  ServerTrackerOptions,
  TrackInput,
} from "./types.js";
