(function () {
  var box = document.getElementById("people-search"), q = document.getElementById("people-q");
  var shown = document.getElementById("people-shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#people-table tbody tr"));
  var keys = rows.map(function (r) { return r.textContent.toLowerCase(); });
  function filter() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean), n = 0;
    rows.forEach(function (r, i) {
      var hit = words.every(function (w) { return keys[i].indexOf(w) >= 0; });
      r.hidden = !hit;
      if (hit) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length + " shown";
  }
  box.hidden = false;
  q.addEventListener("input", filter);
  filter();
})();
