-- The split is temporal: every training event is no later than every validation event, and
-- every validation event no later than every test event.
with bounds as (
    select split, min(event_ts) as first_ts, max(event_ts) as last_ts
    from {{ ref('interaction_split') }}
    group by split
)

select t.last_ts as train_last, v.first_ts as validation_first, v.last_ts as validation_last, x.first_ts as test_first
from bounds t, bounds v, bounds x
where t.split = 'train' and v.split = 'validation' and x.split = 'test'
  and (t.last_ts > v.first_ts or v.last_ts > x.first_ts)
