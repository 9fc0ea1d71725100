{% snapshot snap_customers %}
{#-
  SCD Type 2 history of production.customers. The source stamps updated_at whenever a record
  changes, so the timestamp strategy dates each version by when it changed in the source (not by
  when the snapshot ran). A customer that leaves the extract has its last version closed.
-#}
{{
    config(
        target_schema='snapshots',
        unique_key='customer_id',
        strategy='timestamp',
        updated_at='updated_at',
        hard_deletes='invalidate',
    )
}}
select
    customer_id,
    first_name,
    last_name,
    email,
    phone,
    address,
    city,
    state,
    zip_code,
    country,
    customer_segment,
    signup_date,
    updated_at
from {{ ref('prod_customers') }}
{% endsnapshot %}
