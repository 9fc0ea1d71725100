{{ config(materialized='table') }}
-- Bronze: a 1:1 copy of the raw events, types and values untouched, plus ingestion metadata.
SELECT
    *,
    '{{ var("batch_id") }}' as _batch_id,
    CURRENT_TIMESTAMP as _ingested_at,
    '{{ var("source_system") }}' as _source_system
FROM {{ source('events', 'raw_events') }}
