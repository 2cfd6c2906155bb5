package io.milepost.notifier.words;

import io.milepost.notifier.Problems;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The templates API's answers to a bad request: RFC 9457, each problem with its field. */
final class TemplateProblems {
  private TemplateProblems() {}

  static ErrorResponseException invalid(String path, List<TemplateCheck.Problem> problems) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            problems.size() + " problem(s) in the template; nothing was changed.");
    problem.setType(Problems.type("invalid-template"));
    problem.setTitle("Invalid template");
    problem.setInstance(URI.create(path));
    problem.setProperty(
        "errors",
        problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
  }

  static TemplateKind kind(String path, String field, String kind) {
    try {
      return TemplateKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          path,
          List.of(
              new TemplateCheck.Problem(
                  field,
                  "'"
                      + kind
                      + "' is not a kind of text; one of "
                      + List.of(TemplateKind.values()))));
    }
  }

  static Locale locale(String path, String field, String tag) {
    Locale locale = SmsTexts.locale(tag);
    if (locale == null) {
      throw invalid(
          path,
          List.of(
              new TemplateCheck.Problem(
                  field, "'" + tag + "' is not a BCP 47 language tag, e.g. es or es-MX")));
    }
    return locale;
  }
}
