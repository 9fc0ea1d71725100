-- Duplicate detection: rows beyond the first per key (and, for interactions, how many of those
-- are exact copies rather than two different events under one id).
with interaction_keys as (
    select interaction_id, count(*) as copies, count(distinct (user_id, product_id, interaction_type, timestamp, session_id)) as versions
    from {{ source('raw', 'interactions') }}
    group by interaction_id
),

product_keys as (
    select product_id, count(*) as copies from {{ source('raw', 'products') }} group by product_id
),

user_keys as (
    select user_id, count(*) as copies from {{ source('raw', 'users') }} group by user_id
)

select 'interactions' as table_name, 'interaction_id' as key_column,
       coalesce(sum(copies - 1), 0) as duplicate_rows, count(*) filter (where versions > 1) as conflicting_keys
from interaction_keys
union all
select 'products', 'product_id', coalesce(sum(copies - 1), 0), 0 from product_keys
union all
select 'users', 'user_id', coalesce(sum(copies - 1), 0), 0 from user_keys
