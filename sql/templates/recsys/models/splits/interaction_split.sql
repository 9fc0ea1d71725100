-- Temporal split (the document's Stage 4): interactions sorted by time; the oldest 70% train,
-- the next 10% validation, the most recent 20% test, cut at int(n · 0.70) and int(n · 0.80) as in
-- the document's Python. The split comes before the features so that user and item features
-- are computed from the training period only and never see the future they are tested on.
with ordered as (
    select
        interaction_id,
        event_ts,
        row_number() over (order by event_ts, interaction_id) as position,
        count(*) over () as n
    from {{ ref('clean_interactions') }}
)

select
    interaction_id,
    event_ts,
    position,
    case
        when position <= floor(n * {{ var('train_fraction') }}) then 'train'
        when position <= floor(n * ({{ var('train_fraction') }} + {{ var('validation_fraction') }})) then 'validation'
        else 'test'
    end as split
from ordered
