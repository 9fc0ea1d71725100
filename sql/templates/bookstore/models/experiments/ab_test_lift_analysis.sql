-- One row per experiment: the treatment's lift on click-through rate with a confidence interval.
-- Relative lift = R_t / R_c − 1. Its interval comes from the log of the ratio, whose standard
-- error is sqrt(Var(R_t)/R_t² + Var(R_c)/R_c²) (delta method), mapped back with exp() so it
-- is asymmetric as a ratio's interval should be. The absolute difference gets the usual
-- R_t − R_c ± z·sqrt(Var(R_t) + Var(R_c)).
{% set z = var('ab_confidence_z') %}
with summary as (
    select * from {{ ref('ab_test_summary') }}
),

paired as (
    select
        c.experiment_id,
        c.campaigns as control_campaigns,
        t.campaigns as treatment_campaigns,
        c.impressions as control_impressions,
        t.impressions as treatment_impressions,
        c.ctr as control_ctr,
        t.ctr as treatment_ctr,
        c.ctr_variance as control_variance,
        t.ctr_variance as treatment_variance
    from summary c
    join summary t on t.experiment_id = c.experiment_id and t.treatment_group = 'treatment'
    where c.treatment_group = 'control'
),

stats as (
    select
        *,
        treatment_ctr - control_ctr as absolute_lift,
        sqrt(control_variance + treatment_variance) as absolute_lift_std_error,
        treatment_ctr / control_ctr - 1 as relative_lift,
        sqrt(treatment_variance / (treatment_ctr * treatment_ctr) + control_variance / (control_ctr * control_ctr)) as log_lift_std_error
    from paired
)

select
    experiment_id,
    control_campaigns,
    treatment_campaigns,
    control_impressions,
    treatment_impressions,
    control_ctr,
    treatment_ctr,
    absolute_lift,
    absolute_lift - {{ z }} * absolute_lift_std_error as absolute_lift_ci_lower,
    absolute_lift + {{ z }} * absolute_lift_std_error as absolute_lift_ci_upper,
    relative_lift,
    exp(ln(treatment_ctr / control_ctr) - {{ z }} * log_lift_std_error) - 1 as lift_ci_lower,
    exp(ln(treatment_ctr / control_ctr) + {{ z }} * log_lift_std_error) - 1 as lift_ci_upper,
    ln(treatment_ctr / control_ctr) / log_lift_std_error as z_score,
    {{ z }} as z_critical,
    -- Significant when the interval excludes no effect.
    exp(ln(treatment_ctr / control_ctr) - {{ z }} * log_lift_std_error) > 1
        or exp(ln(treatment_ctr / control_ctr) + {{ z }} * log_lift_std_error) < 1 as is_significant
from stats
