-- Per experiment and arm: totals, the click-through rate as a ratio of sums, and its variance by
-- the delta method over campaigns: Var(R) ≈ var_samp(clicks − R·impressions) / (n · mean(impressions)²).
with base as (
    select * from {{ ref('ab_test_base') }}
),

arms as (
    select
        experiment_id,
        treatment_group,
        count(*) as campaigns,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(spend) as spend,
        sum(clicks) / sum(impressions) as ctr,
        avg(impressions) as avg_impressions
    from base
    group by experiment_id, treatment_group
),

residuals as (
    select
        b.experiment_id,
        b.treatment_group,
        var_samp(b.clicks - a.ctr * b.impressions) as residual_variance
    from base b
    join arms a using (experiment_id, treatment_group)
    group by b.experiment_id, b.treatment_group
)

select
    a.experiment_id,
    a.treatment_group,
    a.campaigns,
    a.impressions,
    a.clicks,
    a.spend,
    a.ctr,
    r.residual_variance / (a.campaigns * a.avg_impressions * a.avg_impressions) as ctr_variance,
    sqrt(r.residual_variance / (a.campaigns * a.avg_impressions * a.avg_impressions)) as ctr_std_error,
    a.spend / nullif(a.clicks, 0) as cpc,
    1000 * a.spend / nullif(a.impressions, 0) as cpm
from arms a
join residuals r using (experiment_id, treatment_group)
