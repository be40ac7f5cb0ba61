-- readiness_status: the status rule (see readiness.sql) as a macro, shared by scoring and by the
-- committee pack's sensitivity analysis, which re-applies exactly the rule the scores were given.
-- Thresholds and windows are arguments (they come from the rubric). Grain: a scalar, per engineer.
create or replace temp macro readiness_status(
    score, years, accelerated_min, realistic_min, realistic_max,
    ready_score, watch_months_before_ceiling, watch_low_score
) as
    case
        when score >= ready_score and years >= accelerated_min then 'ready'
        when years > realistic_max then 'stuck'
        when years >= realistic_max - watch_months_before_ceiling / 12.0 then 'watch'
        when years > realistic_min and score < watch_low_score then 'watch'
        else 'on_track'
    end
