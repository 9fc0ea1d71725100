-- The cleaned event stream: deduplicated, in UTC, without bot sessions, without events whose
-- timestamp could not be read, whose user is unknown or whose product is inactive or unknown.
with events as (
    select * from {{ ref('int_interactions_parsed') }}
    where event_ts is not null
      and interaction_type in ('view', 'add_to_cart', 'purchase')
      and session_id not in (select session_id from {{ ref('bot_sessions') }})
)

select
    e.interaction_id,
    e.user_id,
    e.product_id,
    e.session_id,
    e.interaction_type,
    e.event_ts,
    e.rating,
    e.device_type,
    e.page_context,
    p.category,
    p.price
from events e
join {{ ref('clean_users') }} u on u.user_id = e.user_id
join {{ ref('clean_products') }} p on p.product_id = e.product_id
