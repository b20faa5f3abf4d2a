// Narrows the record page by country, partner, story and year. Without script the form stays
// hidden and the whole record shows; nothing here loads anything from elsewhere.
(function () {
  var form = document.querySelector("form.record-filter");
  if (!form) return;
  form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll("ol.record > li"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.record-year"));
  var output = form.querySelector("output");
  function matches(item, key, value) {
    return !value || (item.getAttribute("data-" + key) || "").split(" ").indexOf(value) !== -1;
  }
  function apply() {
    var chosen = {};
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      chosen[s.name] = s.value;
    });
    var shown = 0;
    items.forEach(function (item) {
      var keep = Object.keys(chosen).every(function (k) { return matches(item, k, chosen[k]); });
      item.hidden = !keep;
      if (keep) shown += 1;
    });
    years.forEach(function (section) {
      section.hidden = !section.querySelector("ol.record > li:not([hidden])");
    });
    output.textContent = shown + " of " + items.length + " events shown";
  }
  form.addEventListener("change", apply);
  apply();
})();
