-- html_text(text): text escaped for an HTML page exactly as the templates' autoescape does
-- (markupsafe: & < > " ' become &amp; &lt; &gt; &#34; &#39;), for the HTML built in SQL.
-- Grain: none (a scalar macro).
create or replace temp macro html_text(v) as
    replace(replace(replace(replace(replace(v, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&#34;'), '''', '&#39;')
