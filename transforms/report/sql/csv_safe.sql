-- csv_safe(text): a text cell a spreadsheet shows as text. A cell starting with = + - @ tab or
-- carriage return would run as a formula (OWASP CSV injection), so it gets a leading single quote.
-- Grain: none (a scalar macro the CSV outputs apply to every text column).
create or replace temp macro csv_safe(v) as
    case when left(v, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || v else v end
