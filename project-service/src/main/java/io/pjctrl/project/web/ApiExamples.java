package io.pjctrl.project.web;

/** Example payloads of the OpenAPI document (Swagger UI's "Example Value"), one realistic value per shape. */
public final class ApiExamples {

    public static final String USER_ID = "0b7a3c2e-61b4-4f7e-9d2a-1c5e8f3a9b40";
    public static final String PROJECT_ID = "5f0c2a1e-8b7d-4c3a-9e6f-2d1b0a9c8e7f";
    public static final String TASK_ID = "7d3e9f1a-2b4c-4d6e-8f0a-1b3c5d7e9f2a";
    public static final String BLOCKER_ID = "9e1f3a5b-7c9d-4e1f-a3b5-c7d9e1f3a5b7";

    public static final String LOGIN = "{\"email\":\"manager@pjctrl.example\",\"password\":\"correct horse battery staple\"}";
    public static final String TOKEN = "{\"access_token\":\"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJwamN0cmwtcHJvamVjdC1zZXJ2aWNlIn0.c2lnbmF0dXJl\","
            + "\"token_type\":\"Bearer\",\"expires_in\":3600}";

    public static final String USER_REQUEST = "{\"email\":\"dana@pjctrl.example\",\"display_name\":\"Dana Reyes\",\"role\":\"manager\","
            + "\"password\":\"a-long-initial-password\"}";
    public static final String USER = "{\"id\":\"" + USER_ID
            + "\",\"email\":\"dana@pjctrl.example\",\"display_name\":\"Dana Reyes\","
            + "\"role\":\"manager\",\"version\":1,\"created_at\":\"2026-11-28T09:00:00Z\",\"updated_at\":\"2026-11-28T09:00:00Z\"}";
    public static final String USER_PAGE = "{\"items\":[" + USER + "],\"page\":0,\"size\":20,\"total\":1}";
    public static final String ROLE_REQUEST = "{\"role\":\"auditor\",\"version\":1}";

    public static final String PROJECT_REQUEST = "{\"name\":\"Website relaunch\",\"description\":\"New site by Q2\"}";
    public static final String PROJECT_PATCH = "{\"status\":\"archived\",\"version\":2}";
    public static final String PROJECT = "{\"id\":\"" + PROJECT_ID
            + "\",\"name\":\"Website relaunch\",\"description\":\"New site by Q2\","
            + "\"status\":\"active\",\"version\":1,\"created_by\":\"" + USER_ID + "\",\"created_at\":\"2026-11-28T09:00:00Z\","
            + "\"updated_at\":\"2026-11-28T09:00:00Z\",\"deleted_at\":null}";
    public static final String PROJECT_PAGE = "{\"items\":[" + PROJECT + "],\"page\":0,\"size\":20,\"total\":1}";

    public static final String TASK_REQUEST = "{\"title\":\"Draft the sitemap\",\"description\":\"Pages and redirects\","
            + "\"status\":\"todo\",\"priority\":\"high\",\"due_date\":\"2026-12-15\"}";
    public static final String TASK_PATCH = "{\"status\":\"in_progress\",\"version\":1}";
    public static final String TASK = "{\"id\":\"" + TASK_ID + "\",\"project_id\":\"" + PROJECT_ID
            + "\",\"title\":\"Draft the sitemap\","
            + "\"description\":\"Pages and redirects\",\"status\":\"todo\",\"priority\":\"high\",\"due_date\":\"2026-12-15\","
            + "\"assignee_id\":null,\"version\":1,\"created_by\":\"" + USER_ID + "\",\"created_at\":\"2026-11-28T09:05:00Z\","
            + "\"updated_at\":\"2026-11-28T09:05:00Z\",\"deleted_at\":null}";
    public static final String TASK_PAGE = "{\"items\":[" + TASK + "],\"page\":0,\"size\":20,\"total\":1}";
    public static final String ASSIGNEE_REQUEST = "{\"user_id\":\"" + USER_ID + "\",\"version\":1}";

    public static final String BLOCKER_REQUEST = "{\"description\":\"Waiting for the brand guidelines\"}";
    public static final String RESOLVE_REQUEST = "{\"resolution\":\"Guidelines arrived\",\"version\":1}";
    public static final String BLOCKER = "{\"id\":\"" + BLOCKER_ID + "\",\"task_id\":\"" + TASK_ID + "\","
            + "\"description\":\"Waiting for the brand guidelines\",\"status\":\"open\",\"resolution\":null,\"version\":1,"
            + "\"reported_by\":\"" + USER_ID
            + "\",\"resolved_by\":null,\"created_at\":\"2026-11-28T10:00:00Z\",\"resolved_at\":null}";
    public static final String BLOCKER_LIST = "[" + BLOCKER + "]";

    private ApiExamples() {
    }
}
