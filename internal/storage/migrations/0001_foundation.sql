-- The foundation: tenants, organisation, people, accounts, audit.
-- Every school-owned table carries school_id, its key leads with it, and
-- every foreign key to another school-owned table includes it, so a row can
-- never point into another school.

CREATE TABLE districts (
    id SERIAL_PK,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE schools (
    id SERIAL_PK,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    district_id BIGINT REFERENCES districts (id),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE academic_years (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, name)
);

CREATE TABLE terms (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    academic_year_id BIGINT NOT NULL,
    semester INTEGER NOT NULL CHECK (semester IN (1, 2)),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    is_current BOOLEAN NOT NULL DEFAULT FALSE,
    SCHOOL_KEY,
    UNIQUE (school_id, academic_year_id, semester),
    FOREIGN KEY (school_id, academic_year_id) REFERENCES academic_years (school_id, id)
);

CREATE TABLE departments (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    head_user_id BIGINT,
    SCHOOL_KEY,
    UNIQUE (school_id, name)
);

CREATE TABLE major_categories (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, code)
);

CREATE TABLE majors (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    category_id BIGINT NOT NULL,
    department_id BIGINT,
    apprenticeship BOOLEAN NOT NULL DEFAULT FALSE,
    SCHOOL_KEY,
    UNIQUE (school_id, code),
    FOREIGN KEY (school_id, category_id) REFERENCES major_categories (school_id, id),
    FOREIGN KEY (school_id, department_id) REFERENCES departments (school_id, id)
);

CREATE TABLE teachers (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    staff_no TEXT NOT NULL,
    name TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    department_id BIGINT,
    dual_qualified BOOLEAN NOT NULL DEFAULT FALSE,
    phone TEXT NOT NULL DEFAULT '',
    id_number TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, staff_no),
    FOREIGN KEY (school_id, department_id) REFERENCES departments (school_id, id)
);
CREATE INDEX teachers_school_name ON teachers (school_id, name);

CREATE TABLE cohorts (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    entry_year INTEGER NOT NULL,
    name TEXT NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, entry_year)
);

CREATE TABLE classes (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    cohort_id BIGINT NOT NULL,
    major_id BIGINT NOT NULL,
    program TEXT NOT NULL,
    head_teacher_id BIGINT,
    SCHOOL_KEY,
    UNIQUE (school_id, name),
    FOREIGN KEY (school_id, cohort_id) REFERENCES cohorts (school_id, id),
    FOREIGN KEY (school_id, major_id) REFERENCES majors (school_id, id),
    FOREIGN KEY (school_id, head_teacher_id) REFERENCES teachers (school_id, id)
);
CREATE INDEX classes_school_head ON classes (school_id, head_teacher_id);

CREATE TABLE courses (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    major_id BIGINT,
    SCHOOL_KEY,
    UNIQUE (school_id, code),
    FOREIGN KEY (school_id, major_id) REFERENCES majors (school_id, id)
);

CREATE TABLE teaching_assignments (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    term_id BIGINT NOT NULL,
    course_id BIGINT NOT NULL,
    class_id BIGINT NOT NULL,
    teacher_id BIGINT NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, term_id, course_id, class_id, teacher_id),
    FOREIGN KEY (school_id, term_id) REFERENCES terms (school_id, id),
    FOREIGN KEY (school_id, course_id) REFERENCES courses (school_id, id),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id),
    FOREIGN KEY (school_id, teacher_id) REFERENCES teachers (school_id, id)
);
CREATE INDEX teaching_school_teacher ON teaching_assignments (school_id, teacher_id, term_id);

CREATE TABLE students (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    student_no TEXT NOT NULL,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    id_type TEXT NOT NULL DEFAULT '居民身份证',
    id_number TEXT NOT NULL DEFAULT '',
    registration_no TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    class_id BIGINT NOT NULL,
    major_id BIGINT,
    entry_year INTEGER NOT NULL DEFAULT 0,
    program TEXT NOT NULL DEFAULT '',
    enrollment_status TEXT NOT NULL DEFAULT '在籍',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    UNIQUE (school_id, student_no),
    FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id),
    FOREIGN KEY (school_id, major_id) REFERENCES majors (school_id, id)
);
CREATE INDEX students_school_class ON students (school_id, class_id);
CREATE INDEX students_school_name ON students (school_id, name);
CREATE INDEX students_school_idno ON students (school_id, id_number);

-- 学籍 history is append-only: a status change is a new row.
CREATE TABLE enrollment_changes (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    student_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    SCHOOL_KEY,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id)
);
CREATE INDEX enrollment_changes_student ON enrollment_changes (school_id, student_id);

CREATE TABLE guardians (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    SCHOOL_KEY
);
CREATE INDEX guardians_school_phone ON guardians (school_id, phone);

CREATE TABLE student_guardians (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    student_id BIGINT NOT NULL,
    guardian_id BIGINT NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (school_id, student_id, guardian_id),
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, guardian_id) REFERENCES guardians (school_id, id)
);
CREATE INDEX student_guardians_guardian ON student_guardians (school_id, guardian_id);

CREATE TABLE enterprises (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    industry TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    SCHOOL_KEY,
    UNIQUE (school_id, credit_code)
);

CREATE TABLE mentors (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    enterprise_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    SCHOOL_KEY,
    FOREIGN KEY (school_id, enterprise_id) REFERENCES enterprises (school_id, id)
);

-- An apprenticeship (现代学徒制) or internship puts a student with a mentor.
CREATE TABLE placements (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    id ID_PK,
    student_id BIGINT NOT NULL,
    mentor_id BIGINT NOT NULL,
    enterprise_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL DEFAULT '',
    SCHOOL_KEY,
    FOREIGN KEY (school_id, student_id) REFERENCES students (school_id, id),
    FOREIGN KEY (school_id, mentor_id) REFERENCES mentors (school_id, id),
    FOREIGN KEY (school_id, enterprise_id) REFERENCES enterprises (school_id, id)
);
CREATE INDEX placements_mentor ON placements (school_id, mentor_id);
CREATE INDEX placements_student ON placements (school_id, student_id);

-- Accounts. school_id 0 marks platform-level accounts (platform and
-- district admins), which is why users has no foreign key to schools.
CREATE TABLE users (
    school_id BIGINT NOT NULL,
    id ID_PK,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ,
    teacher_id BIGINT,
    student_id BIGINT,
    guardian_id BIGINT,
    mentor_id BIGINT,
    district_id BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    last_login TIMESTAMPTZ,
    SCHOOL_KEY
);
CREATE INDEX users_school_teacher ON users (school_id, teacher_id);
CREATE INDEX users_school_student ON users (school_id, student_id);
CREATE INDEX users_school_guardian ON users (school_id, guardian_id);
CREATE INDEX users_school_mentor ON users (school_id, mentor_id);

CREATE TABLE user_roles (
    school_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (school_id, user_id, role)
);

-- Permissions are data: role → resource:action. Seeded from the embedded
-- permissions file at every start, so a new release's rules take effect.
CREATE TABLE role_permissions (
    role TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
);

CREATE TABLE api_tokens (
    school_id BIGINT NOT NULL,
    id ID_PK,
    user_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    SCHOOL_KEY
);

CREATE TABLE audit_log (
    school_id BIGINT NOT NULL,
    id ID_PK,
    at TIMESTAMPTZ NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT NOT NULL DEFAULT '',
    after_json TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    SCHOOL_KEY
);
CREATE INDEX audit_log_school_at ON audit_log (school_id, at);
CREATE INDEX audit_log_school_entity ON audit_log (school_id, entity, entity_id);

-- Sessions belong to the web layer (scs), not to a school.
CREATE TABLE sessions (
    token TEXT PRIMARY KEY,
    data BYTES NOT NULL,
    expiry TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry)
