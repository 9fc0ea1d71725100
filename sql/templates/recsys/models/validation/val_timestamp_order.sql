-- Timestamp ordering, on the events whose timestamps parse (compared in UTC): in a session an
-- add-to-cart follows a view of the product and a purchase follows its add-to-cart; no user acts
-- before joining.
with events as (
    select
        interaction_id,
        user_id,
        session_id,
        product_id,
        interaction_type,
        {{ to_utc('timestamp') }} as event_ts
    from {{ source('raw', 'interactions') }}
),

checked as (
    select
        e.*,
        e.event_ts < u.join_date as before_join,
        e.interaction_type = 'add_to_cart' and not exists (
            select 1 from events v
            where v.session_id = e.session_id and v.product_id = e.product_id
              and v.interaction_type = 'view' and v.event_ts <= e.event_ts
        ) as cart_without_view,
        e.interaction_type = 'purchase' and not exists (
            select 1 from events c
            where c.session_id = e.session_id and c.product_id = e.product_id
              and c.interaction_type = 'add_to_cart' and c.event_ts <= e.event_ts
        ) as purchase_without_cart
    from events e
    left join {{ source('raw', 'users') }} u on u.user_id = e.user_id
    where e.event_ts is not null
)

{{ validation_check('not_before_user_joined', 'checked', 'interactions', 'timestamp', 'before_join') }}
union all
{{ validation_check('cart_after_view', 'checked', 'interactions', 'timestamp', 'cart_without_view') }}
union all
{{ validation_check('purchase_after_cart', 'checked', 'interactions', 'timestamp', 'purchase_without_cart') }}
