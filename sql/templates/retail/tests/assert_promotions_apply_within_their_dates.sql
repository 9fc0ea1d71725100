-- A line is discounted exactly when its promotion runs on the order date, at the promotion's rate.
select t.*
from {{ ref('stg_transactions') }} as t
left join {{ ref('stg_promotions') }} as p on p.promo_id = t.promo_id
where t.discount_percent <> case when t.order_date between p.start_date and p.end_date then p.discount_percent else 0 end
