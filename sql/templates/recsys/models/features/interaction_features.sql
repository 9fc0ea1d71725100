-- User-item interaction features (the document's list), for every cleaned interaction of every
-- split; the user and item sides come from the training period only.
with events as (
    select i.*, s.split
    from {{ ref('clean_interactions') }} i
    join {{ ref('interaction_split') }} s using (interaction_id)
)

select
    e.interaction_id,
    e.user_id,
    e.product_id,
    e.session_id,
    e.event_ts,
    e.split,
    e.interaction_type,
    e.interaction_type = 'purchase' as is_purchase,
    e.rating,
    e.device_type,
    e.page_context,
    -- A user without training events has a zero vector, whose cosine is undefined (NaN): 0 then.
    case when list_sum(u.category_vector) > 0 then list_cosine_similarity(u.category_vector, i.category_vector) else 0 end as user_item_affinity,
    coalesce(u.favorite_category = i.category, false) as category_match,
    coalesce(abs(u.avg_price_point - i.price) < {{ var('price_match_threshold') }}, false) as price_match,
    hour(e.event_ts) as time_of_day,
    isodow(e.event_ts) as day_of_week,
    row_number() over (partition by e.session_id order by e.event_ts, e.interaction_id) as session_position
from events e
join {{ ref('user_features') }} u on u.user_id = e.user_id
join {{ ref('item_features') }} i on i.product_id = e.product_id
