// Shows a thumbnail's full-size image, kept inert in the template after its button, in a dialog.
// Without a script the thumbnails and tables still show; only the full-size view is missing.
(function () {
  var lightbox = document.getElementById('lightbox');
  var frame = lightbox.querySelector('.full-frame');
  var caption = lightbox.querySelector('.full-caption');
  document.addEventListener('click', function (event) {
    var zoom = event.target.closest('button.zoom');
    if (!zoom) {
      return;
    }
    var full = zoom.nextElementSibling.content.cloneNode(true);
    caption.textContent = zoom.querySelector('img').alt;
    frame.replaceChildren(full);
    lightbox.showModal();
  });
  lightbox.addEventListener('click', function () {
    lightbox.close();
  });
  lightbox.addEventListener('close', function () {
    frame.replaceChildren();
  });
})();
