package io.milepost.simulator;

import io.milepost.schemas.Customer;
import java.util.List;
import java.util.Random;

/**
 * Plausible customers. Phone numbers use the 555-0100..555-0199 range, which North American
 * numbering reserves for fiction: a simulated SMS can never reach a real person.
 */
final class People {
  private static final List<String> FIRST_NAMES =
      List.of(
          "Dana", "Marcus", "Priya", "Elena", "Jamal", "Sofia", "Tom", "Aisha", "Luis", "Grace",
          "Wei", "Hannah", "Omar", "Rosa", "Kevin", "Naomi", "Diego", "Claire", "Sam", "Ingrid",
          "Victor", "Maya", "Tariq", "Lucy", "Andre", "Keiko", "Ben", "Fatima", "Ray", "Julia");
  private static final List<String> LAST_NAMES =
      List.of(
          "Whitfield",
          "Okafor",
          "Raman",
          "Kowalski",
          "Brooks",
          "Navarro",
          "Lindqvist",
          "Haddad",
          "Moreno",
          "Sullivan",
          "Chen",
          "Becker",
          "Farouk",
          "Delgado",
          "Nguyen",
          "Ellison",
          "Ramirez",
          "Dubois",
          "Patel",
          "Hansen",
          "Petrov",
          "Ortiz",
          "Khan",
          "Murphy",
          "Dawson",
          "Tanaka",
          "Fischer",
          "Mensah",
          "Gallagher",
          "Silva");

  private People() {}

  static Customer customer(Random random, List<String> areaCodes, String timeZone) {
    String name = Durations.pick(random, FIRST_NAMES) + " " + Durations.pick(random, LAST_NAMES);
    String phone =
        "+1"
            + Durations.pick(random, areaCodes)
            + "55501"
            + String.format("%02d", random.nextInt(100));
    String locale = Durations.chance(random, 0.15) ? "es-US" : "en-US";
    return new Customer(name, phone, locale, timeZone);
  }
}
