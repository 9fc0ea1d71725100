-- User behaviour features (the document's list), from the training period only, as of its last
-- event. Users without training events keep their profile and zeros.
with train as (
    select i.*
    from {{ ref('clean_interactions') }} i
    join {{ ref('interaction_split') }} s using (interaction_id)
    where s.split = 'train'
),

cutoff as (
    select max(event_ts) as as_of from train
),

sessions as (
    select user_id, session_id, epoch(max(event_ts) - min(event_ts)) as duration_seconds
    from train
    group by user_id, session_id
),

category_counts as (
    select user_id, category, count(*) as n
    from train
    group by user_id, category
),

favorite as (
    -- mode(category); ties go to the alphabetically first category so results are stable.
    select user_id, category as favorite_category
    from category_counts
    qualify row_number() over (partition by user_id order by n desc, category) = 1
),

behaviour as (
    select
        user_id,
        count(*) as total_interactions,
        count(*) filter (where interaction_type = 'purchase') as total_purchases,
        avg(price) filter (where interaction_type = 'purchase') as avg_price_point,
        sum(price) filter (where interaction_type = 'purchase') as monetary_value,
        count(distinct category) filter (where interaction_type = 'purchase') as purchased_categories,
        min(event_ts) as first_event_ts,
        max(event_ts) as last_event_ts
    from train
    group by user_id
)

select
    u.user_id,
    u.age_group,
    u.gender,
    u.location,
    u.customer_segment,
    coalesce(b.total_interactions, 0) as total_interactions,
    coalesce(b.total_purchases, 0) as total_purchases,
    (select avg(duration_seconds) from sessions s where s.user_id = u.user_id) as avg_session_duration,
    f.favorite_category,
    round(b.avg_price_point, 2) as avg_price_point,
    date_diff('day', b.last_event_ts, c.as_of) as recency_days,
    -- interactions per week between the user's first event and the cutoff
    round(b.total_interactions / greatest(epoch(c.as_of - b.first_event_ts) / 604800.0, 1.0), 4) as frequency_score,
    coalesce(b.monetary_value, 0) as monetary_value,
    round(b.purchased_categories / nullif(b.total_purchases, 0), 4) as diversity_score,
    -- The user's interactions per category, in a fixed category order: the user vector.
    [
        {%- for c in ['beauty', 'books', 'clothing', 'electronics', 'home', 'sports'] %}
        coalesce((select n from category_counts cc where cc.user_id = u.user_id and cc.category = '{{ c }}'), 0)::double{{ ',' if not loop.last }}
        {%- endfor %}
    ] as category_vector
from {{ ref('clean_users') }} u
cross join cutoff c
left join behaviour b on b.user_id = u.user_id
left join favorite f on f.user_id = u.user_id
