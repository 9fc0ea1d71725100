{{ config(materialized='view') }}
-- Interactions with duplicates removed (one row per interaction_id), text normalised (trimmed,
-- lower-cased), timestamps converted to UTC and out-of-range ratings dropped. Rows are not yet
-- filtered: that is clean_interactions' job, after the bot heuristic has seen every session.
with ranked as (
    select
        *,
        row_number() over (partition by interaction_id order by timestamp) as copy_number
    from {{ source('raw', 'interactions') }}
    where interaction_id is not null
)

select
    trim(interaction_id) as interaction_id,
    lower(trim(user_id)) as user_id,
    lower(trim(product_id)) as product_id,
    lower(trim(session_id)) as session_id,
    lower(trim(interaction_type)) as interaction_type,
    timestamp as timestamp_raw,
    {{ to_utc('timestamp') }} as event_ts,
    case when rating between 1 and 5 then rating end as rating,
    lower(trim(device_type)) as device_type,
    lower(trim(page_context)) as page_context
from ranked
where copy_number = 1
