package io.milepost.notifier.ops;

import io.milepost.notifier.customer.CustomerProperties;
import io.milepost.notifier.customer.PhoneNumbers;
import io.milepost.notifier.web.CurrentPerson;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The tenant's texts, newest first, filtered by status, error code, job and customer phone. */
@Controller
class MessageLogController {
  static final String PATH = "/ops/messages";
  static final int PAGE_SIZE = 50;

  /** The statuses a text can have (sms/NotificationStatus), for the filter's choices. */
  static final List<String> STATUSES =
      Arrays.stream(io.milepost.notifier.sms.NotificationStatus.values()).map(Enum::name).toList();

  record Line(
      long id,
      String jobId,
      String phone,
      String body,
      String status,
      Integer errorCode,
      String errorMessage,
      int attempts,
      String created,
      String sent) {}

  private final MessageLog log;
  private final CurrentPerson person;
  private final CustomerProperties customers;

  MessageLogController(MessageLog log, CurrentPerson person, CustomerProperties customers) {
    this.log = log;
    this.person = person;
    this.customers = customers;
  }

  @GetMapping(PATH)
  String show(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "errorCode", required = false) String errorCode,
      @RequestParam(name = "job", required = false) String job,
      @RequestParam(name = "phone", required = false) String phone,
      @RequestParam(name = "page", defaultValue = "0") int page,
      Model model) {
    String tenant = person.required().tenantId();
    Map<String, String> errors = new LinkedHashMap<>();
    String chosenStatus = blank(status) ? null : status.strip();
    if (chosenStatus != null && !STATUSES.contains(chosenStatus)) {
      errors.put("status", "ops.messages.error.status");
    }
    Integer code = null;
    if (!blank(errorCode)) {
      try {
        code = Integer.parseInt(errorCode.strip());
      } catch (NumberFormatException e) {
        errors.put("errorCode", "ops.messages.error.code");
      }
    }
    String e164 = null;
    if (!blank(phone)) {
      try {
        e164 =
            PhoneNumbers.isE164(phone.strip())
                ? phone.strip()
                : PhoneNumbers.toE164(phone, customers.regionOf(tenant));
      } catch (PhoneNumbers.InvalidPhoneNumberException e) {
        errors.put("phone", "ops.messages.error.phone");
      }
    }
    int from = Math.max(0, page);
    List<MessageLog.Message> found =
        errors.isEmpty()
            ? log.page(
                tenant, new MessageLog.Filter(chosenStatus, code, job, e164), from, PAGE_SIZE)
            : List.of();
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("status", status);
    model.addAttribute("errorCode", errorCode);
    model.addAttribute("job", job);
    model.addAttribute("phone", phone);
    model.addAttribute("errors", errors);
    model.addAttribute("page", from);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    model.addAttribute(
        "messages",
        found.stream()
            .limit(PAGE_SIZE)
            .map(
                m ->
                    new Line(
                        m.id(),
                        m.jobId(),
                        m.phone(),
                        m.body(),
                        m.status(),
                        m.errorCode(),
                        m.errorMessage(),
                        m.attempts(),
                        OpsText.utc(m.createdAt()),
                        OpsText.utc(m.sentAt())))
            .toList());
    return "ops/messages";
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
