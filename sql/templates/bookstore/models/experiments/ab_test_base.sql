-- The campaigns that belong to an A/B experiment, one row each: the unit of randomisation is
-- the campaign, so every later statistic treats campaigns (not impressions) as the samples.
with campaigns as (
    select * from {{ source('raw', 'campaign_events') }}
)

select
    campaign_id,
    experiment_id,
    treatment_group,
    cast(campaign_date as date) as campaign_date,
    cast(impressions as bigint) as impressions,
    cast(clicks as bigint) as clicks,
    cast(spend as decimal(12, 2)) as spend,
    clicks / nullif(impressions, 0) as ctr,
    spend / nullif(clicks, 0) as cpc,
    1000 * spend / nullif(impressions, 0) as cpm
from campaigns
where experiment_id is not null
  and treatment_group in ('control', 'treatment')
  and impressions > 0
