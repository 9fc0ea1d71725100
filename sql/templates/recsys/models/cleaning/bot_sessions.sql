-- Bot traffic (heuristic): sessions with at least `bot_min_events` events that come faster than
-- one per `bot_max_seconds_per_event` seconds on average. People need ~15 s or more per click.
select
    session_id,
    min(user_id) as user_id,
    count(*) as events,
    min(event_ts) as first_event_ts,
    max(event_ts) as last_event_ts,
    epoch(max(event_ts) - min(event_ts)) as span_seconds,
    epoch(max(event_ts) - min(event_ts)) / count(*) as seconds_per_event
from {{ ref('int_interactions_parsed') }}
where event_ts is not null
group by session_id
having count(*) >= {{ var('bot_min_events') }}
   and epoch(max(event_ts) - min(event_ts)) < count(*) * {{ var('bot_max_seconds_per_event') }}
