{{ config(materialized='view') }}
-- Silver: typed, trimmed, lower-cased, deduplicated and filtered. An event keeps its latest
-- ingested copy; events without an id or a readable timestamp, of an unknown type, or whose
-- clock is off (before 2020, or more than a day in the future) are dropped.
with typed as (
    SELECT
        trim(event_id) as event_id,
        TRY_CAST(trim(event_timestamp) AS timestamp) as event_timestamp,
        LOWER(TRIM(event_type)) as event_type,
        lower(trim(user_id)) as user_id,
        TRY_CAST(properties AS json) as properties,
        _batch_id,
        _ingested_at,
        _source_system
    FROM {{ ref('bronze_events') }}
),

deduplicated as (
    select
        *,
        row_number() over (partition by event_id order by _ingested_at desc, event_timestamp) as copy_number
    from typed
    WHERE event_id IS NOT NULL
)

SELECT
    event_id,
    event_timestamp,
    event_type,
    user_id,
    properties,
    _batch_id,
    _ingested_at,
    _source_system
FROM deduplicated
WHERE copy_number = 1
  AND event_timestamp IS NOT NULL
  AND event_timestamp >= TIMESTAMP '2020-01-01'
  AND event_timestamp <= CURRENT_DATE + INTERVAL '1 day'
  AND event_type IN ({% for t in var('valid_event_types') %}'{{ t }}'{{ ', ' if not loop.last }}{% endfor %})
  AND user_id IS NOT NULL
