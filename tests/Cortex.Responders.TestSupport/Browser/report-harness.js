// What TheHive's long-report view gives a template, and nothing more: AngularJS 1.8 with ui.bootstrap, a scope with
// content, success, status and artifact, the fang filter, and an $exceptionHandler that records every Angular error.
(function () {
  'use strict';
  var given = window.reportGiven;
  var errors = window.renderErrors;
  var finish;
  window.reportRendered = new Promise(function (resolve) { finish = resolve; });

  // TheHive's fang filter defangs what it shows: dots become [.], http becomes hxxp (an empty value shows as '').
  function fang(value) {
    if (!value) {
      return '';
    }
    return String(value).split('[.]').join('.').replace(/hxxp/gi, 'http').split('.').join('[.]').replace(/http/gi, 'hxxp');
  }

  angular.module('reportTemplateTest', ['ui.bootstrap'])
    .factory('$exceptionHandler', function () {
      return function (exception, cause) {
        errors.push(String((exception && exception.message) || exception) + (cause ? ' (' + cause + ')' : ''));
      };
    })
    .filter('fang', function () { return fang; })
    .run(['$rootScope', '$compile', function ($rootScope, $compile) {
      var scope = $rootScope.$new(true);
      scope.content = given.content;
      scope.success = given.success;
      scope.status = given.status;
      scope.artifact = given.artifact;
      var report = angular.element(document.getElementById('report'));
      report.html(given.template);
      $compile(report.contents())(scope);
    }]);

  angular.element(document).ready(function () {
    var app = document.getElementById('app');
    try {
      angular.bootstrap(app, ['reportTemplateTest'], { strictDi: true });
    } catch (e) {
      errors.push('bootstrap: ' + e.message);
      finish();
      return;
    }
    // Stable: no $timeout or $http left, every digest done (what Protractor waits for).
    angular.getTestability(app).whenStable(function () { finish(); });
  });
})();
