SELECT
  "t31"."m_id",
  "t31"."unit",
  "t31"."ce",
  SUM("t31"."n") AS "ended",
  MIN("t31"."delay") FILTER(WHERE
    (
      "t31"."run" * 2
    ) >= "t31"."total") AS "median",
  MIN("t31"."delay") FILTER(WHERE
    (
      "t31"."run" * 10
    ) >= (
      "t31"."total" * 9
    )) AS "p90"
FROM (
  SELECT
    "t30"."unit",
    "t30"."m_id",
    "t30"."ce",
    "t30"."delay",
    "t30"."n",
    SUM("t30"."n") OVER (
      PARTITION BY "t30"."m_id", "t30"."unit", "t30"."ce"
      ORDER BY "t30"."delay" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS "run",
    SUM("t30"."n") OVER (
      PARTITION BY "t30"."m_id", "t30"."unit", "t30"."ce"
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS "total"
  FROM (
    SELECT
      "t29"."unit",
      "t29"."m_id",
      "t29"."ce",
      "t29"."delay",
      SUM("t29"."n") AS "n"
    FROM (
      SELECT
        "t28"."m_id",
        "t28"."office",
        "t28"."ce",
        "t28"."delay",
        "t28"."n",
        "t28"."office_right",
        COALESCE("t28"."unit", "t28"."office") AS "unit"
      FROM (
        SELECT
          "t27"."m_id",
          "t27"."office",
          "t27"."ce",
          "t27"."delay",
          "t27"."n",
          "t21"."office" AS "office_right",
          "t21"."unit"
        FROM (
          SELECT
            "t25"."m_id",
            "t25"."office",
            "t25"."ce",
            "t25"."delay",
            COUNT(*) AS "n"
          FROM (
            SELECT
              "t24"."m_id",
              "t24"."office",
              "t24"."m_timed",
              "t24"."m_plan",
              "t24"."m_normed",
              "t24"."rule_key" <> 0 AS "has_deadline",
              "t24"."l_year",
              (
                "t24"."end_day" IS NULL
              ) OR (
                "t24"."end_day" >= "t24"."start_date"
              ) AS "valid",
              "t24"."l_bucket" AS "cs",
              "t24"."d_bucket" AS "ce",
              CASE
                WHEN (
                  (
                    "t24"."end_day" IS NULL
                  ) OR (
                    "t24"."end_day" >= "t24"."start_date"
                  )
                )
                AND (
                  "t24"."rule_key" <> 0
                )
                THEN "t24"."l_dl_bucket"
                ELSE NULL
              END AS "cd",
              CASE
                WHEN (
                  (
                    "t24"."end_day" IS NULL
                  ) OR (
                    "t24"."end_day" >= "t24"."start_date"
                  )
                )
                AND (
                  "t24"."rule_key" <> 0
                )
                THEN "t24"."d_num" > CASE WHEN "t24"."rule_key" <> 0 THEN "t24"."l_deadline" ELSE NULL END
                ELSE NULL
              END AS "late",
              CASE
                WHEN (
                  "t24"."end_day" IS NULL
                ) OR (
                  "t24"."end_day" >= "t24"."start_date"
                )
                THEN CASE "t24"."l_slot" WHEN 0 THEN "t24"."d_num" WHEN 1 THEN "t24"."d_cum1" ELSE NULL END - "t24"."l_cum"
                ELSE NULL
              END AS "delay",
              CASE WHEN "t24"."rule_key" <> 0 THEN "t24"."l_deadline" ELSE NULL END AS "deadline",
              "t24"."end_day"
            FROM (
              SELECT
                "t23"."objective",
                "t23"."case_id",
                "t23"."office",
                "t23"."start_date",
                "t23"."end_date",
                "t23"."category",
                "t23"."amount_due",
                "t23"."amount_collected",
                "t23"."planned",
                "t23"."suspensions",
                "t23"."suspended_days",
                "t23"."person_key",
                "t23"."attributes",
                "t23"."batch_id",
                "t23"."m_objective",
                "t23"."m_id",
                "t23"."m_rule",
                "t23"."m_timed",
                "t23"."m_plan",
                "t23"."m_normed",
                "t23"."rule_key",
                "t23"."end_day",
                "t5"."l_rule",
                "t5"."l_day",
                "t5"."l_deadline",
                "t5"."l_bucket",
                "t5"."l_dl_bucket",
                "t5"."l_cum",
                "t5"."l_slot",
                "t5"."l_suspends",
                "t5"."l_year",
                "t6"."d_day",
                "t6"."d_num",
                "t6"."d_bucket",
                "t6"."d_cum1"
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
                  "t19"."m_objective",
                  "t19"."m_id",
                  "t19"."m_rule",
                  "t19"."m_timed",
                  "t19"."m_plan",
                  "t19"."m_normed",
                  CASE
                    WHEN (
                      "t19"."m_id" = 1
                    ) AND (
                      "t19"."category" = 'réception tardive'
                    )
                    THEN 2
                    WHEN (
                      "t19"."m_id" = 1
                    ) AND (
                      "t19"."category" = 'date d''échéance'
                    )
                    THEN 3
                    ELSE "t19"."m_rule"
                  END AS "rule_key",
                  "t19"."end_date" AS "end_day"
                FROM (
                  SELECT
                    "t17"."objective",
                    "t17"."case_id",
                    "t17"."office",
                    "t17"."start_date",
                    "t17"."end_date",
                    "t17"."category",
                    "t17"."amount_due",
                    "t17"."amount_collected",
                    "t17"."planned",
                    "t17"."suspensions",
                    "t17"."suspended_days",
                    "t17"."person_key",
                    "t17"."attributes",
                    "t17"."batch_id",
                    "t9"."m_objective",
                    "t9"."m_id",
                    "t9"."m_rule",
                    "t9"."m_timed",
                    "t9"."m_plan",
                    "t9"."m_normed"
                  FROM (
                    SELECT
                      *
                    FROM "cases" AS "t3"
                    WHERE
                      "t3"."start_date" <= MAKE_DATE(2019, 9, 30)
                      AND "t3"."end_date" BETWEEN MAKE_DATE(2019, 7, 1) AND MAKE_DATE(2019, 9, 30)
                  ) AS "t17"
                  INNER JOIN "memtable_1" AS "t9"
                    ON "t17"."objective" = "t9"."m_objective"
                ) AS "t19"
                WHERE
                  CASE "t19"."m_id"
                    WHEN 0
                    THEN (
                      "t19"."category" IS NULL
                    )
                    OR NOT (
                      COALESCE("t19"."category" IN ('revenu manquant'), FALSE)
                    )
                    ELSE TRUE
                  END
              ) AS "t23"
              INNER JOIN "memtable_2" AS "t5"
                ON "t23"."rule_key" = "t5"."l_rule" AND "t23"."start_date" = "t5"."l_day"
              INNER JOIN "memtable_3" AS "t6"
                ON "t23"."end_day" = "t6"."d_day"
            ) AS "t24"
            WHERE
              (
                (
                  "t24"."end_day" IS NULL
                ) OR (
                  "t24"."end_day" >= "t24"."start_date"
                )
              )
              AND "t24"."m_timed"
              AND (
                (
                  "t24"."rule_key" <> 0
                ) OR NOT (
                  "t24"."m_normed"
                )
              )
          ) AS "t25"
          GROUP BY
            1,
            2,
            3,
            4
        ) AS "t27"
        LEFT OUTER JOIN (
          SELECT
            *
          FROM (
            SELECT
              "t11"."office",
              CASE
                WHEN "t11"."o_level" = 'region'
                THEN "t11"."office"
                WHEN "t15"."p_level" = 'region'
                THEN "t15"."p_code"
                WHEN "t16"."g_level" = 'region'
                THEN "t16"."g_code"
                ELSE NULL
              END AS "unit"
            FROM (
              SELECT
                "t2"."code" AS "office",
                "t2"."level" AS "o_level",
                "t2"."parent" AS "p"
              FROM "org_units" AS "t2"
            ) AS "t11"
            LEFT OUTER JOIN (
              SELECT
                "t7"."code" AS "p_code",
                "t7"."level" AS "p_level",
                "t7"."parent" AS "g"
              FROM "org_units" AS "t7"
            ) AS "t15"
              ON "t11"."p" = "t15"."p_code"
            LEFT OUTER JOIN (
              SELECT
                "t8"."code" AS "g_code",
                "t8"."level" AS "g_level"
              FROM "org_units" AS "t8"
            ) AS "t16"
              ON "t15"."g" = "t16"."g_code"
          ) AS "t18"
          WHERE
            "t18"."unit" IS NOT NULL
        ) AS "t21"
          ON "t27"."office" = "t21"."office"
      ) AS "t28"
    ) AS "t29"
    GROUP BY
      1,
      2,
      3,
      4
  ) AS "t30"
) AS "t31"
GROUP BY
  1,
  2,
  3
