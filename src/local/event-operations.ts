import { Event$, SourceType } from '@aws-sdk/client-elasticache';
import type { Operation } from './operation-context.js';
import { paginate } from './paging.js';
import { faults } from './query-errors.js';
import { EVENT_RETENTION_MINUTES } from '../rules/event-retention.js';
import { shapeListToXml } from './wire-xml.js';

const DEFAULT_WINDOW_MINUTES = 60;
const SOURCE_TYPES: readonly string[] = Object.values(SourceType);

/**
 * DescribeEvents: the window is StartTime..EndTime, or Duration minutes back from EndTime (or
 * now); with neither, the last hour. Events come oldest first (AWS does not document the order).
 */
export const describeEvents: Operation = ({ params, region }) => {
  const sourceType = params.string('SourceType');
  if (sourceType !== undefined && !SOURCE_TYPES.includes(sourceType)) {
    throw faults.invalidParameterValue(
      `Invalid value for SourceType: ${sourceType}. Valid values: ${SOURCE_TYPES.join(', ')}.`,
    );
  }
  const sourceIdentifier = params.string('SourceIdentifier');
  const duration = params.integer('Duration', { min: 0, max: EVENT_RETENTION_MINUTES });
  const startParam = params.timestamp('StartTime');
  const endTime = params.timestamp('EndTime') ?? new Date();
  if (startParam && duration !== undefined) {
    throw faults.invalidParameterCombination('StartTime and Duration cannot be specified together.');
  }
  const startTime = startParam ?? new Date(endTime.getTime() - (duration ?? DEFAULT_WINDOW_MINUTES) * 60_000);
  if (startTime > endTime) throw faults.invalidParameterValue('StartTime must be before EndTime.');

  const events = region
    .events()
    .filter(
      (event) =>
        (sourceType === undefined || event.SourceType === sourceType) &&
        (sourceIdentifier === undefined || event.SourceIdentifier?.toLowerCase() === sourceIdentifier.toLowerCase()) &&
        event.Date !== undefined &&
        event.Date >= startTime &&
        event.Date <= endTime,
    );
  const page = paginate(params, 'DescribeEvents', events, (event) => region.eventKey(event));
  return {
    Events: shapeListToXml('Event', Event$, page.items),
    ...(page.marker ? { Marker: page.marker } : {}),
  };
};
