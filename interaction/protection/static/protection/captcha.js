// "看不清？换一张": fetch a new captcha and swap it in place, so what the visitor typed stays.
// Without JavaScript (or if the request fails) the link simply reloads the page.
(function () {
  if (window.protectionCaptchaReady) return;
  window.protectionCaptchaReady = true;

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-captcha-refresh]");
    if (!link || !window.fetch) return;
    var box = link.closest("[data-protection-captcha]");
    var url = link.getAttribute("data-refresh-url");
    if (!box || !url) return;
    event.preventDefault();
    fetch(url, { headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var image = box.querySelector("[data-captcha-image]");
        var key = box.querySelector('input[type="hidden"][name$="_0"]');
        var answer = box.querySelector('input[name$="_1"]');
        var status = box.querySelector("[data-captcha-status]");
        image.src = data.image_url;
        if (image.hasAttribute("srcset")) image.srcset = data.image_url.replace(/\/$/, "@2/") + " 2x";
        key.value = data.key;
        answer.value = "";
        answer.focus();
        if (status) status.textContent = "已更换验证码图片，请重新输入。";
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });
})();
