SELECT
  "t39"."unit",
  "t39"."m_id",
  "t39"."cs",
  "t39"."ce",
  "t39"."cd",
  "t39"."late",
  "t39"."valid",
  SUM("t39"."n") AS "n"
FROM (
  SELECT
    "t38"."m_id",
    "t38"."office",
    "t38"."cs",
    "t38"."ce",
    "t38"."cd",
    "t38"."late",
    "t38"."valid",
    "t38"."n",
    "t38"."office_right",
    COALESCE("t38"."unit", "t38"."office") AS "unit"
  FROM (
    SELECT
      "t37"."m_id",
      "t37"."office",
      "t37"."cs",
      "t37"."ce",
      "t37"."cd",
      "t37"."late",
      "t37"."valid",
      "t37"."n",
      "t25"."office" AS "office_right",
      "t25"."unit"
    FROM (
      SELECT
        "t35".*
        EXCLUDE ("o_key", "o_office")
      FROM (
        SELECT
          "t34"."m_id",
          "t34"."o_office" AS "office",
          "t34"."cs",
          "t34"."ce",
          "t34"."cd",
          "t34"."late",
          "t34"."valid",
          "t34"."n",
          "t34"."o_office",
          "t34"."o_key"
        FROM (
          SELECT
            "t33"."m_id",
            "t33"."office",
            "t33"."cs",
            "t33"."ce",
            "t33"."cd",
            "t33"."late",
            "t33"."valid",
            "t33"."n",
            "t6"."o_office",
            "t6"."o_key"
          FROM (
            SELECT
              "t31"."m_id",
              "t31"."office",
              "t31"."cs",
              "t31"."ce",
              "t31"."cd",
              "t31"."late",
              "t31"."valid",
              COUNT(*) AS "n"
            FROM (
              SELECT
                "t30"."m_id",
                "t30"."office",
                "t30"."m_timed",
                "t30"."m_plan",
                "t30"."m_normed",
                "t30"."rule_key" <> 0 AS "has_deadline",
                "t30"."l_year",
                (
                  "t30"."end_day" IS NULL
                ) OR (
                  "t30"."end_day" >= "t30"."start_date"
                ) AS "valid",
                "t30"."l_bucket" AS "cs",
                "t30"."d_bucket" AS "ce",
                CASE
                  WHEN (
                    (
                      "t30"."end_day" IS NULL
                    ) OR (
                      "t30"."end_day" >= "t30"."start_date"
                    )
                  )
                  AND (
                    "t30"."rule_key" <> 0
                  )
                  THEN "t30"."l_dl_bucket"
                  ELSE NULL
                END AS "cd",
                CASE
                  WHEN (
                    (
                      "t30"."end_day" IS NULL
                    ) OR (
                      "t30"."end_day" >= "t30"."start_date"
                    )
                  )
                  AND (
                    "t30"."rule_key" <> 0
                  )
                  THEN "t30"."d_num" > CASE WHEN "t30"."rule_key" <> 0 THEN "t30"."l_deadline" ELSE NULL END
                  ELSE NULL
                END AS "late",
                CASE
                  WHEN (
                    "t30"."end_day" IS NULL
                  ) OR (
                    "t30"."end_day" >= "t30"."start_date"
                  )
                  THEN CASE "t30"."l_slot" WHEN 0 THEN "t30"."d_num" WHEN 1 THEN "t30"."d_cum1" ELSE NULL END - "t30"."l_cum"
                  ELSE NULL
                END AS "delay",
                CASE WHEN "t30"."rule_key" <> 0 THEN "t30"."l_deadline" ELSE NULL END AS "deadline",
                "t30"."end_day"
              FROM (
                SELECT
                  "t29"."objective",
                  "t29"."case_id",
                  "t29"."office",
                  "t29"."start_date",
                  "t29"."end_date",
                  "t29"."category",
                  "t29"."amount_due",
                  "t29"."amount_collected",
                  "t29"."planned",
                  "t29"."suspensions",
                  "t29"."suspended_days",
                  "t29"."person_key",
                  "t29"."attributes",
                  "t29"."batch_id",
                  "t29"."m_objective",
                  "t29"."m_id",
                  "t29"."m_rule",
                  "t29"."m_timed",
                  "t29"."m_plan",
                  "t29"."m_normed",
                  "t29"."rule_key",
                  "t29"."end_day",
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
                    "t27"."m_objective",
                    "t27"."m_id",
                    "t27"."m_rule",
                    "t27"."m_timed",
                    "t27"."m_plan",
                    "t27"."m_normed",
                    CASE
                      WHEN (
                        "t27"."m_id" = 1
                      ) AND (
                        "t27"."category" = 'réception tardive'
                      )
                      THEN 2
                      WHEN (
                        "t27"."m_id" = 1
                      ) AND (
                        "t27"."category" = 'date d''échéance'
                      )
                      THEN 3
                      ELSE "t27"."m_rule"
                    END AS "rule_key",
                    CASE
                      WHEN "t27"."end_date" > MAKE_DATE(2019, 9, 30)
                      THEN NULL
                      ELSE "t27"."end_date"
                    END AS "end_day"
                  FROM (
                    SELECT
                      "t26"."objective",
                      "t26"."case_id",
                      "t26"."office",
                      "t26"."start_date",
                      "t26"."end_date",
                      "t26"."category",
                      "t26"."amount_due",
                      "t26"."amount_collected",
                      "t26"."planned",
                      "t26"."suspensions",
                      "t26"."suspended_days",
                      "t26"."person_key",
                      "t26"."attributes",
                      "t26"."batch_id",
                      "t11"."m_objective",
                      "t11"."m_id",
                      "t11"."m_rule",
                      "t11"."m_timed",
                      "t11"."m_plan",
                      "t11"."m_normed"
                    FROM (
                      SELECT
                        "t22".*
                        EXCLUDE ("o_key", "o_office")
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
                            "t6"."o_office",
                            "t6"."o_key"
                          FROM (
                            SELECT
                              *
                            FROM "cases" AS "t5"
                            WHERE
                              "t5"."start_date" <= MAKE_DATE(2019, 9, 30)
                          ) AS "t19"
                          INNER JOIN "memtable_1" AS "t6"
                            ON "t19"."office" = "t6"."o_office"
                        ) AS "t21"
                      ) AS "t22"
                    ) AS "t26"
                    INNER JOIN "memtable_2" AS "t11"
                      ON "t26"."objective" = "t11"."m_objective"
                  ) AS "t27"
                  WHERE
                    CASE "t27"."m_id"
                      WHEN 0
                      THEN (
                        "t27"."category" IS NULL
                      )
                      OR NOT (
                        COALESCE("t27"."category" IN ('revenu manquant'), FALSE)
                      )
                      ELSE TRUE
                    END
                ) AS "t29"
                INNER JOIN "memtable_3" AS "t9"
                  ON "t29"."rule_key" = "t9"."l_rule" AND "t29"."start_date" = "t9"."l_day"
                LEFT OUTER JOIN "memtable_4" AS "t10"
                  ON "t29"."end_day" = "t10"."d_day"
              ) AS "t30"
            ) AS "t31"
            GROUP BY
              1,
              2,
              3,
              4,
              5,
              6,
              7
          ) AS "t33"
          INNER JOIN "memtable_1" AS "t6"
            ON "t33"."office" = "t6"."o_key"
        ) AS "t34"
      ) AS "t35"
    ) AS "t37"
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
            "t1"."code" AS "office",
            "t1"."level" AS "o_level",
            "t1"."parent" AS "p"
          FROM "org_units" AS "t1"
        ) AS "t13"
        LEFT OUTER JOIN (
          SELECT
            "t7"."code" AS "p_code",
            "t7"."level" AS "p_level",
            "t7"."parent" AS "g"
          FROM "org_units" AS "t7"
        ) AS "t17"
          ON "t13"."p" = "t17"."p_code"
        LEFT OUTER JOIN (
          SELECT
            "t8"."code" AS "g_code",
            "t8"."level" AS "g_level"
          FROM "org_units" AS "t8"
        ) AS "t18"
          ON "t17"."g" = "t18"."g_code"
      ) AS "t20"
      WHERE
        "t20"."unit" IS NOT NULL
    ) AS "t25"
      ON "t37"."office" = "t25"."office"
  ) AS "t38"
) AS "t39"
GROUP BY
  1,
  2,
  3,
  4,
  5,
  6,
  7
