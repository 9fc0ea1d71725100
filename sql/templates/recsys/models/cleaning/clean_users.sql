-- Users with normalised labels, a missing gender imputed as 'unknown', and the preferences JSON
-- unpacked into columns (the JSON itself is kept).
select
    lower(trim(user_id)) as user_id,
    trim(age_group) as age_group,
    coalesce(lower(trim(gender)), 'unknown') as gender,
    lower(trim(location)) as location,
    join_date,
    lower(trim(customer_segment)) as customer_segment,
    preferences,
    coalesce(cast(preferences ->> 'newsletter' as boolean), false) as newsletter_opt_in,
    lower(preferences ->> 'preferred_category') as preferred_category
from {{ source('raw', 'users') }}
where user_id is not null
