-- Schema compliance: every documented column exists in the raw tables with the documented type
-- family; columns nobody documented are listed too.
-- depends_on: {{ source('raw', 'interactions') }}, {{ source('raw', 'products') }}, {{ source('raw', 'users') }}
with expected (table_name, column_name, expected_type) as (
    values
        ('interactions', 'interaction_id', 'VARCHAR'), ('interactions', 'user_id', 'VARCHAR'),
        ('interactions', 'product_id', 'VARCHAR'), ('interactions', 'interaction_type', 'VARCHAR'),
        ('interactions', 'timestamp', 'VARCHAR'), ('interactions', 'session_id', 'VARCHAR'),
        ('interactions', 'rating', 'DOUBLE'), ('interactions', 'device_type', 'VARCHAR'),
        ('interactions', 'page_context', 'VARCHAR'),
        ('products', 'product_id', 'VARCHAR'), ('products', 'name', 'VARCHAR'),
        ('products', 'category', 'VARCHAR'), ('products', 'subcategory', 'VARCHAR'),
        ('products', 'brand', 'VARCHAR'), ('products', 'price', 'DECIMAL'),
        ('products', 'description', 'VARCHAR'), ('products', 'attributes', 'JSON'),
        ('products', 'avg_rating', 'DOUBLE'), ('products', 'num_reviews', 'INTEGER'),
        ('products', 'created_at', 'TIMESTAMP'), ('products', 'is_active', 'BOOLEAN'),
        ('users', 'user_id', 'VARCHAR'), ('users', 'age_group', 'VARCHAR'),
        ('users', 'gender', 'VARCHAR'), ('users', 'location', 'VARCHAR'),
        ('users', 'join_date', 'TIMESTAMP'), ('users', 'customer_segment', 'VARCHAR'),
        ('users', 'preferences', 'JSON')
),

actual as (
    select table_name, column_name, data_type
    from information_schema.columns
    where table_catalog = current_database()
      and table_schema = '{{ source("raw", "interactions").schema }}'
      and table_name in ('interactions', 'products', 'users')
)

select
    coalesce(e.table_name, a.table_name) as table_name,
    coalesce(e.column_name, a.column_name) as column_name,
    e.expected_type,
    a.data_type as actual_type,
    case
        when a.column_name is null then 'missing'
        when e.column_name is null then 'undocumented'
        when not starts_with(a.data_type, e.expected_type) then 'type_mismatch'
        else 'ok'
    end as status
from expected e
full outer join actual a on a.table_name = e.table_name and a.column_name = e.column_name
