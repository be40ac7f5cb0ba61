-- Scalar macros for the HTML built in SQL (the packets' criteria, gaps and evidence), each giving
-- exactly what the templates give for the same value, so a page reads the same either way.
-- Grain: none (scalar macros).

-- html_text(text): escaped as the templates' autoescape does (markupsafe: & < > " ' become
-- &amp; &lt; &gt; &#34; &#39;).
create or replace temp macro html_text(v) as
    replace(replace(replace(replace(replace(v, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&#34;'), '''', '&#39;');

-- html_num(number): the templates' `num` filter (Python's "{:g}"), a dash for no value.
create or replace temp macro html_num(v) as
    case when v is null then '–' else format('{:g}', v::double) end;

-- html_score(number): the templates' `score` filter (one decimal, "{:.1f}"), a dash for no value.
create or replace temp macro html_score(v) as
    case when v is null then '–' else format('{:.1f}', v::double) end;
