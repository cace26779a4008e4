SELECT
  "t41"."m_id",
  "t41"."unit",
  "t41"."ce",
  "t41"."ended",
  CAST(LIST_EXTRACT("t41"."q", 1) AS BIGINT) AS "median",
  CAST(LIST_EXTRACT("t41"."q", 2) AS BIGINT) AS "p90"
FROM (
  SELECT
    "t40"."m_id",
    "t40"."unit",
    "t40"."ce",
    COUNT(*) AS "ended",
    QUANTILE_DISC(
      CAST("t40"."delay" AS INT),
      [CAST(0.50 AS DECIMAL(3, 2)), CAST(0.90 AS DECIMAL(3, 2))]
    ) AS "q"
  FROM (
    SELECT
      "t39"."m_id",
      "t39"."office",
      "t39"."m_timed",
      "t39"."m_plan",
      "t39"."m_normed",
      "t39"."has_deadline",
      "t39"."l_year",
      "t39"."valid",
      "t39"."cs",
      "t39"."ce",
      "t39"."cd",
      "t39"."late",
      "t39"."delay",
      "t39"."deadline",
      "t39"."end_day",
      "t39"."office_right",
      COALESCE("t39"."unit", "t39"."office") AS "unit"
    FROM (
      SELECT
        "t38"."m_id",
        "t38"."office",
        "t38"."m_timed",
        "t38"."m_plan",
        "t38"."m_normed",
        "t38"."has_deadline",
        "t38"."l_year",
        "t38"."valid",
        "t38"."cs",
        "t38"."ce",
        "t38"."cd",
        "t38"."late",
        "t38"."delay",
        "t38"."deadline",
        "t38"."end_day",
        "t25"."office" AS "office_right",
        "t25"."unit"
      FROM (
        SELECT
          "t36".*
          EXCLUDE ("o_key")
        FROM (
          SELECT
            "t35".*
            EXCLUDE ("o_office")
          FROM (
            SELECT
              "t34"."m_id",
              "t34"."o_office" AS "office",
              "t34"."m_timed",
              "t34"."m_plan",
              "t34"."m_normed",
              "t34"."has_deadline",
              "t34"."l_year",
              "t34"."valid",
              "t34"."cs",
              "t34"."ce",
              "t34"."cd",
              "t34"."late",
              "t34"."delay",
              "t34"."deadline",
              "t34"."end_day",
              "t34"."o_office",
              "t34"."o_key"
            FROM (
              SELECT
                "t33"."m_id",
                "t33"."office",
                "t33"."m_timed",
                "t33"."m_plan",
                "t33"."m_normed",
                "t33"."has_deadline",
                "t33"."l_year",
                "t33"."valid",
                "t33"."cs",
                "t33"."ce",
                "t33"."cd",
                "t33"."late",
                "t33"."delay",
                "t33"."deadline",
                "t33"."end_day",
                "t8"."o_office",
                "t8"."o_key"
              FROM (
                SELECT
                  "t31"."m_id",
                  "t31"."office",
                  "t31"."m_timed",
                  "t31"."m_plan",
                  "t31"."m_normed",
                  "t31"."rule_key" <> 0 AS "has_deadline",
                  "t31"."l_year",
                  (
                    "t31"."end_day" IS NULL
                  ) OR (
                    "t31"."end_day" >= "t31"."start_date"
                  ) AS "valid",
                  "t31"."l_bucket" AS "cs",
                  "t31"."d_bucket" AS "ce",
                  CASE
                    WHEN (
                      (
                        "t31"."end_day" IS NULL
                      ) OR (
                        "t31"."end_day" >= "t31"."start_date"
                      )
                    )
                    AND (
                      "t31"."rule_key" <> 0
                    )
                    THEN "t31"."l_dl_bucket"
                    ELSE NULL
                  END AS "cd",
                  CASE
                    WHEN (
                      (
                        "t31"."end_day" IS NULL
                      ) OR (
                        "t31"."end_day" >= "t31"."start_date"
                      )
                    )
                    AND (
                      "t31"."rule_key" <> 0
                    )
                    THEN "t31"."d_num" > CASE WHEN "t31"."rule_key" <> 0 THEN "t31"."l_deadline" ELSE NULL END
                    ELSE NULL
                  END AS "late",
                  CASE
                    WHEN (
                      "t31"."end_day" IS NULL
                    ) OR (
                      "t31"."end_day" >= "t31"."start_date"
                    )
                    THEN CASE "t31"."l_slot" WHEN 0 THEN "t31"."d_num" WHEN 1 THEN "t31"."d_cum1" ELSE NULL END - "t31"."l_cum"
                    ELSE NULL
                  END AS "delay",
                  CASE WHEN "t31"."rule_key" <> 0 THEN "t31"."l_deadline" ELSE NULL END AS "deadline",
                  "t31"."end_day"
                FROM (
                  SELECT
                    "t30"."objective",
                    "t30"."case_id",
                    "t30"."office",
                    "t30"."start_date",
                    "t30"."end_date",
                    "t30"."category",
                    "t30"."amount_due",
                    "t30"."amount_collected",
                    "t30"."planned",
                    "t30"."suspensions",
                    "t30"."suspended_days",
                    "t30"."person_key",
                    "t30"."attributes",
                    "t30"."batch_id",
                    "t30"."m_objective",
                    "t30"."m_id",
                    "t30"."m_rule",
                    "t30"."m_timed",
                    "t30"."m_plan",
                    "t30"."m_normed",
                    "t30"."rule_key",
                    "t30"."end_day",
                    "t9"."l_rule",
                    "t9"."l_day",
                    "t9"."l_deadline",
                    "t9"."l_bucket",
                    "t9"."l_dl_bucket",
                    "t9"."l_cum",
                    "t9"."l_slot",
                    "t9"."l_suspends",
                    "t9"."l_year",
                    "t10"."d_day",
                    "t10"."d_num",
                    "t10"."d_bucket",
                    "t10"."d_cum1"
                  FROM (
                    SELECT
                      "t28"."objective",
                      "t28"."case_id",
                      "t28"."office",
                      "t28"."start_date",
                      "t28"."end_date",
                      "t28"."category",
                      "t28"."amount_due",
                      "t28"."amount_collected",
                      "t28"."planned",
                      "t28"."suspensions",
                      "t28"."suspended_days",
                      "t28"."person_key",
                      "t28"."attributes",
                      "t28"."batch_id",
                      "t28"."m_objective",
                      "t28"."m_id",
                      "t28"."m_rule",
                      "t28"."m_timed",
                      "t28"."m_plan",
                      "t28"."m_normed",
                      CASE
                        WHEN (
                          "t28"."m_id" = 1
                        ) AND (
                          "t28"."category" = 'réception tardive'
                        )
                        THEN 2
                        WHEN (
                          "t28"."m_id" = 1
                        ) AND (
                          "t28"."category" = 'date d''échéance'
                        )
                        THEN 3
                        ELSE "t28"."m_rule"
                      END AS "rule_key",
                      "t28"."end_date" AS "end_day"
                    FROM (
                      SELECT
                        "t27"."objective",
                        "t27"."case_id",
                        "t27"."office",
                        "t27"."start_date",
                        "t27"."end_date",
                        "t27"."category",
                        "t27"."amount_due",
                        "t27"."amount_collected",
                        "t27"."planned",
                        "t27"."suspensions",
                        "t27"."suspended_days",
                        "t27"."person_key",
                        "t27"."attributes",
                        "t27"."batch_id",
                        "t11"."m_objective",
                        "t11"."m_id",
                        "t11"."m_rule",
                        "t11"."m_timed",
                        "t11"."m_plan",
                        "t11"."m_normed"
                      FROM (
                        SELECT
                          "t24".*
                          EXCLUDE ("o_key")
                        FROM (
                          SELECT
                            "t22".*
                            EXCLUDE ("o_office")
                          FROM (
                            SELECT
                              "t21"."objective",
                              "t21"."case_id",
                              "t21"."o_key" AS "office",
                              "t21"."start_date",
                              "t21"."end_date",
                              "t21"."category",
                              "t21"."amount_due",
                              "t21"."amount_collected",
                              "t21"."planned",
                              "t21"."suspensions",
                              "t21"."suspended_days",
                              "t21"."person_key",
                              "t21"."attributes",
                              "t21"."batch_id",
                              "t21"."o_office",
                              "t21"."o_key"
                            FROM (
                              SELECT
                                "t19"."objective",
                                "t19"."case_id",
                                "t19"."office",
                                "t19"."start_date",
                                "t19"."end_date",
                                "t19"."category",
                                "t19"."amount_due",
                                "t19"."amount_collected",
                                "t19"."planned",
                                "t19"."suspensions",
                                "t19"."suspended_days",
                                "t19"."person_key",
                                "t19"."attributes",
                                "t19"."batch_id",
                                "t8"."o_office",
                                "t8"."o_key"
                              FROM (
                                SELECT
                                  *
                                FROM "cases" AS "t5"
                                WHERE
                                  "t5"."start_date" <= MAKE_DATE(2019, 9, 30)
                                  AND "t5"."end_date" BETWEEN MAKE_DATE(2019, 7, 1) AND MAKE_DATE(2019, 9, 30)
                              ) AS "t19"
                              INNER JOIN "memtable_1" AS "t8"
                                ON "t19"."office" = "t8"."o_office"
                            ) AS "t21"
                          ) AS "t22"
                        ) AS "t24"
                      ) AS "t27"
                      INNER JOIN "memtable_2" AS "t11"
                        ON "t27"."objective" = "t11"."m_objective"
                    ) AS "t28"
                    WHERE
                      CASE "t28"."m_id"
                        WHEN 0
                        THEN (
                          "t28"."category" IS NULL
                        )
                        OR NOT (
                          COALESCE("t28"."category" IN ('revenu manquant'), FALSE)
                        )
                        ELSE TRUE
                      END
                  ) AS "t30"
                  INNER JOIN "memtable_3" AS "t9"
                    ON "t30"."rule_key" = "t9"."l_rule" AND "t30"."start_date" = "t9"."l_day"
                  INNER JOIN "memtable_4" AS "t10"
                    ON "t30"."end_day" = "t10"."d_day"
                ) AS "t31"
                WHERE
                  (
                    (
                      "t31"."end_day" IS NULL
                    ) OR (
                      "t31"."end_day" >= "t31"."start_date"
                    )
                  )
                  AND "t31"."m_timed"
                  AND (
                    (
                      "t31"."rule_key" <> 0
                    ) OR NOT (
                      "t31"."m_normed"
                    )
                  )
              ) AS "t33"
              INNER JOIN "memtable_1" AS "t8"
                ON "t33"."office" = "t8"."o_key"
            ) AS "t34"
          ) AS "t35"
        ) AS "t36"
      ) AS "t38"
      LEFT OUTER JOIN (
        SELECT
          *
        FROM (
          SELECT
            "t13"."office",
            CASE
              WHEN "t13"."o_level" = 'region'
              THEN "t13"."office"
              WHEN "t17"."p_level" = 'region'
              THEN "t17"."p_code"
              WHEN "t18"."g_level" = 'region'
              THEN "t18"."g_code"
              ELSE NULL
            END AS "unit"
          FROM (
            SELECT
              "t0"."code" AS "office",
              "t0"."level" AS "o_level",
              "t0"."parent" AS "p"
            FROM "org_units" AS "t0"
          ) AS "t13"
          LEFT OUTER JOIN (
            SELECT
              "t6"."code" AS "p_code",
              "t6"."level" AS "p_level",
              "t6"."parent" AS "g"
            FROM "org_units" AS "t6"
          ) AS "t17"
            ON "t13"."p" = "t17"."p_code"
          LEFT OUTER JOIN (
            SELECT
              "t7"."code" AS "g_code",
              "t7"."level" AS "g_level"
            FROM "org_units" AS "t7"
          ) AS "t18"
            ON "t17"."g" = "t18"."g_code"
        ) AS "t20"
        WHERE
          "t20"."unit" IS NOT NULL
      ) AS "t25"
        ON "t38"."office" = "t25"."office"
    ) AS "t39"
  ) AS "t40"
  GROUP BY
    1,
    2,
    3
) AS "t41"
