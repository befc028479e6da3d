/* test-git-dialogs.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tandem-git-clone-dialog.h"
#include "tandem-git-operation-private.h"
#include "tandem-git-prompt-dialog.h"
#include "tandem-test.h"
#include "git-views-test-util.h"

/* Clone dialog */

typedef struct
{
  GtkWidget *dialog;
  GFile     *cloned;
  gboolean   destroyed;
  gboolean   saw_progress;
} CloneFixture;

static void
clone_cloned_cb (GtkWidget    *dialog,
                 GFile        *workdir,
                 CloneFixture *fixture)
{
  g_assert_null (fixture->cloned);
  fixture->cloned = g_object_ref (workdir);
}

static void
clone_progress_cb (GtkProgressBar *bar,
                   GParamSpec     *pspec,
                   CloneFixture   *fixture)
{
  if (gtk_progress_bar_get_fraction (bar) > 0 && !fixture->saw_progress)
    {
      fixture->saw_progress = TRUE;
      views_screenshot ("clone-dialog-progress");
    }
}

static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, rows);
}

/* The URL row comes first, then the folder name row. */
static AdwEntryRow *
get_entry_row (GtkWidget *dialog,
               guint      index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_entry_rows (dialog, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  return ADW_ENTRY_ROW (g_ptr_array_index (rows, index));
}

/* What Enter in an entry does: its GtkText emits "activate". */
static void
press_enter (GtkWidget *row)
{
  GtkWidget *text = tandem_test_find_descendant (row, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

static void
clone_fixture_open (CloneFixture *fixture)
{
  fixture->dialog = tandem_git_clone_dialog_new (NULL);
  g_signal_connect (fixture->dialog, "cloned", G_CALLBACK (clone_cloned_cb), fixture);
  g_signal_connect_swapped (fixture->dialog, "destroy", G_CALLBACK (g_nullify_pointer), &fixture->dialog);
  g_signal_connect (tandem_test_find_descendant (fixture->dialog, GTK_TYPE_PROGRESS_BAR),
                    "notify::fraction", G_CALLBACK (clone_progress_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  CloneFixture *fixture = data;

  return fixture->dialog == NULL;
}

static gboolean
error_shown (gpointer data)
{
  CloneFixture *fixture = data;
  GtkWidget *label = views_find_label (fixture->dialog, "not empty");

  return label != NULL && gtk_widget_get_mapped (label);
}

static char *
make_source_repository (const char *name)
{
  g_autofree char *work_name = g_strconcat (name, "-work", NULL);
  g_autofree char *work = tandem_test_make_dir (work_name);
  g_autofree char *bare = g_build_filename (tandem_test_get_tmpdir (), name, NULL);

  /* Enough objects for the transfer to report progress. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *file = g_strdup_printf ("src/file-%03u.txt", i);
      g_autofree char *fill = g_strnfill (2000, 'a' + i % 26);
      g_autofree char *text = g_strdup_printf ("File %u\n%s\n", i, fill);

      g_object_unref (tandem_test_write_file (work, file, text, -1));
    }
  views_git_quiet (work, "init", "-q", NULL);
  views_git_quiet (work, "add", "-A", NULL);
  views_git_quiet (work, "commit", "-qm", "Many files");
  g_free (views_git (tandem_test_get_tmpdir (), "clone", "-q", "--bare", work, bare, NULL));

  return g_steal_pointer (&bare);
}

static void
test_clone_dialog_clone (void)
{
  g_autofree char *source = make_source_repository ("project.git");
  g_autofree char *projects = g_build_filename (g_get_home_dir (), "Projects", NULL);
  g_autofree char *url = g_strconcat ("file://", source, NULL);
  g_autofree char *expected = g_build_filename (projects, "project", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GFile) parent = NULL;
  CloneFixture fixture = { 0 };
  GtkWidget *clone_button;

  /* ~/Projects exists, so it is the default parent folder. */
  g_assert_cmpint (g_mkdir_with_parents (projects, 0755), ==, 0);
  clone_fixture_open (&fixture);
  g_object_get (fixture.dialog, "parent-folder", &parent, NULL);
  g_assert_cmpstr (g_file_peek_path (parent), ==, projects);

  clone_button = views_find_button (fixture.dialog, "C_lone");
  g_assert_nonnull (clone_button);
  g_assert_false (gtk_widget_get_sensitive (clone_button));

  gtk_editable_set_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 0)), url);
  /* The folder name follows the URL. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 1))), ==, "project");
  g_assert_true (gtk_widget_get_sensitive (clone_button));
  tandem_test_spin (200);
  views_screenshot ("clone-dialog");

  /* Enter in the URL row clones (the Clone button is the default). */
  press_enter (GTK_WIDGET (get_entry_row (fixture.dialog, 0)));
  g_assert_true (tandem_test_wait_until (dialog_gone, &fixture, 60000));

  g_assert_nonnull (fixture.cloned);
  g_assert_cmpstr (g_file_peek_path (fixture.cloned), ==, expected);
  readme = g_build_filename (expected, "src", "file-199.txt", NULL);
  g_assert_true (g_file_test (readme, G_FILE_TEST_IS_REGULAR));
  g_assert_true (fixture.saw_progress);
  g_clear_object (&fixture.cloned);
}

static void
test_clone_dialog_not_empty (void)
{
  g_autofree char *source = make_source_repository ("taken.git");
  g_autofree char *url = g_strconcat ("file://", source, NULL);
  g_autofree char *taken = NULL;
  g_autofree char *keep = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GDir) dir = NULL;
  CloneFixture fixture = { 0 };
  guint n = 0;

  clone_fixture_open (&fixture);
  g_object_get (fixture.dialog, "parent-folder", &parent, NULL);
  taken = g_build_filename (g_file_peek_path (parent), "taken", NULL);
  g_object_unref (tandem_test_write_file (taken, "keep.txt", "mine\n", -1));
  gtk_editable_set_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 0)), url);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 1))), ==, "taken");

  g_signal_emit_by_name (views_find_button (fixture.dialog, "C_lone"), "clicked");
  g_assert_true (tandem_test_wait_until (error_shown, &fixture, 10000));
  g_assert_nonnull (fixture.dialog);
  g_assert_null (fixture.cloned);
  tandem_test_spin (200);
  views_screenshot ("clone-dialog-not-empty");

  /* Nothing was touched. */
  dir = g_dir_open (taken, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);

  /* Another name works (the dialog stayed open for another try). */
  gtk_editable_set_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 1)), "taken-2");
  g_assert_false (error_shown (&fixture));
  g_signal_emit_by_name (views_find_button (fixture.dialog, "C_lone"), "clicked");
  g_assert_true (tandem_test_wait_until (dialog_gone, &fixture, 60000));
  g_assert_nonnull (fixture.cloned);
  keep = g_build_filename (g_file_peek_path (fixture.cloned), ".git", NULL);
  g_assert_true (g_file_test (keep, G_FILE_TEST_IS_DIR));
  g_clear_object (&fixture.cloned);
}

/* TRUE when a label with the "error" style is shown. */
static gboolean
has_visible_error (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_has_css_class (widget, "error") &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_error (child))
      return TRUE;

  return FALSE;
}

static gboolean
failure_shown (gpointer data)
{
  CloneFixture *fixture = data;
  GtkWidget *label = tandem_test_find_descendant (fixture->dialog, GTK_TYPE_PROGRESS_BAR);

  /* Back from cloning: the progress is hidden and the form usable again. */
  return label != NULL && !gtk_widget_get_mapped (label) &&
         gtk_widget_get_sensitive (views_find_button (fixture->dialog, "C_lone"));
}

static void
test_clone_dialog_failure (void)
{
  g_autofree char *missing = g_build_filename (tandem_test_get_tmpdir (), "no-such-repo.git", NULL);
  g_autofree char *url = g_strconcat ("file://", missing, NULL);
  g_autofree char *destination = NULL;
  g_autoptr(GFile) parent = NULL;
  CloneFixture fixture = { 0 };

  clone_fixture_open (&fixture);
  gtk_editable_set_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 0)), url);
  g_signal_emit_by_name (views_find_button (fixture.dialog, "C_lone"), "clicked");
  tandem_test_spin (50);
  g_assert_true (tandem_test_wait_until (failure_shown, &fixture, 30000));

  /* Said in the dialog, which stays open for another try; nothing left behind. */
  g_assert_nonnull (fixture.dialog);
  g_assert_null (fixture.cloned);
  g_object_get (fixture.dialog, "parent-folder", &parent, NULL);
  destination = g_build_filename (g_file_peek_path (parent), "no-such-repo", NULL);
  g_assert_false (g_file_test (destination, G_FILE_TEST_EXISTS));
  g_assert_true (has_visible_error (fixture.dialog));
  tandem_test_spin (200);
  views_screenshot ("clone-dialog-failed");

  gtk_window_close (GTK_WINDOW (fixture.dialog));
  g_assert_true (tandem_test_wait_until (dialog_gone, &fixture, 5000));
}

static gboolean
clone_started (gpointer data)
{
  CloneFixture *fixture = data;

  /* The destination was checked and the transfer began. */
  return views_find_label (fixture->dialog, "Checking the destination") == NULL;
}

static void
test_clone_dialog_stop (void)
{
  g_autofree char *work = tandem_test_make_dir ("stop-work");
  g_autofree char *bare = g_build_filename (tandem_test_get_tmpdir (), "stop.git", NULL);
  g_autofree char *url = g_strconcat ("file://", bare, NULL);
  g_autofree char *destination = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GBytes) noise = NULL;
  CloneFixture fixture = { 0 };
  guint32 *data;

  /* Incompressible content, so that the transfer takes a while. */
  data = g_new (guint32, 16 * 1024 * 1024);
  for (guint i = 0; i < 16 * 1024 * 1024; i++)
    data[i] = g_test_rand_int ();
  for (guint f = 0; f < 4; f++)
    {
      g_autofree char *name = g_strdup_printf ("noise-%u.bin", f);

      g_object_unref (tandem_test_write_file (work, name, (const char *)(data + f * 4 * 1024 * 1024),
                                              16 * 1024 * 1024));
    }
  g_free (data);
  views_git_quiet (work, "init", "-q", NULL);
  views_git_quiet (work, "add", "-A", NULL);
  views_git_quiet (work, "commit", "-qm", "Noise");
  g_free (views_git (tandem_test_get_tmpdir (), "clone", "-q", "--bare", work, bare, NULL));

  clone_fixture_open (&fixture);
  gtk_editable_set_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 0)), url);
  g_signal_emit_by_name (views_find_button (fixture.dialog, "C_lone"), "clicked");
  g_assert_true (tandem_test_wait_until (clone_started, &fixture, 10000));

  /* Stop: the dialog stays, says so, and nothing is left in the destination. */
  g_signal_emit_by_name (views_find_button (fixture.dialog, "_Stop"), "clicked");
  g_assert_true (tandem_test_wait_until (failure_shown, &fixture, 30000));
  g_assert_null (fixture.cloned);
  g_assert_nonnull (views_find_label (fixture.dialog, "Cloning was stopped"));
  g_object_get (fixture.dialog, "parent-folder", &parent, NULL);
  destination = g_build_filename (g_file_peek_path (parent), "stop", NULL);
  g_assert_false (g_file_test (destination, G_FILE_TEST_EXISTS));

  gtk_window_close (GTK_WINDOW (fixture.dialog));
  g_assert_true (tandem_test_wait_until (dialog_gone, &fixture, 5000));
}

static void
test_clone_dialog_urls (void)
{
  static const struct { const char *url; gboolean valid; const char *name; } cases[] = {
    { "https://example.com/group/repo.git", TRUE, "repo" },
    { "https://example.com/group/repo/", TRUE, "repo" },
    { "http://example.com:8080/repo", TRUE, "repo" },
    { "ssh://git@example.com:2222/srv/tool.git", TRUE, "tool" },
    { "git://example.com/lib.git", TRUE, "lib" },
    { "file:///srv/git/local.git", TRUE, "local" },
    { "git@github.com:owner/thing.git", TRUE, "thing" },
    { "me@host:thing", TRUE, "thing" },
    { "not a url", FALSE, "" },
    { "ftp://example.com/repo.git", FALSE, "" },
    { "https://", FALSE, "" },
    { "https://example.com", FALSE, "" },
    { "example.com/repo.git", FALSE, "" },
    { "@host:path", FALSE, "" },
  };
  CloneFixture fixture = { 0 };
  GtkWidget *clone_button;
  AdwEntryRow *url_row;

  clone_fixture_open (&fixture);
  clone_button = views_find_button (fixture.dialog, "C_lone");
  url_row = get_entry_row (fixture.dialog, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("URL %s", cases[i].url);
      gtk_editable_set_text (GTK_EDITABLE (url_row), cases[i].url);
      g_assert_cmpint (gtk_widget_get_sensitive (clone_button), ==, cases[i].valid);
      g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"), ==, !cases[i].valid);
      /* A bad address says what a good one looks like. */
      g_assert_cmpint (views_find_label (fixture.dialog, "Enter a Git address") != NULL, ==, !cases[i].valid);
      if (cases[i].name != NULL)
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 1))), ==,
                         cases[i].name);
    }

  /* A bad URL is refused even when activated. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "not a url");
  press_enter (GTK_WIDGET (url_row));
  tandem_test_spin (100);
  g_assert_nonnull (fixture.dialog);
  g_assert_null (fixture.cloned);
  tandem_test_spin (100);
  views_screenshot ("clone-dialog-bad-url");

  /* A name of the user's own is kept when the URL changes. */
  gtk_editable_set_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 1)), "mine");
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://example.com/other.git");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_entry_row (fixture.dialog, 1))), ==, "mine");

  /* Escape closes it when nothing runs. */
  gtk_widget_activate_action (fixture.dialog, "clone-dialog.escape", NULL);
  g_assert_true (tandem_test_wait_until (dialog_gone, &fixture, 5000));
}

/* Prompt dialog: a real prompt, asked by a worker thread through the operation, as the
 * network code does. */

typedef struct
{
  TandemGitOperation     *operation;
  TandemGitPromptRequest  request;
  TandemGitPromptAnswer   answer;
  GtkWindow              *window;
  GtkWidget              *dialog;
  gboolean                returned;
  gint                    done;
} PromptFixture;

static gpointer
ask_thread (gpointer data)
{
  PromptFixture *fixture = data;

  fixture->returned = _tandem_git_operation_ask (fixture->operation, &fixture->request, &fixture->answer);
  g_atomic_int_set (&fixture->done, 1);
  return NULL;
}

static void
prompt_cb (TandemGitOperation *operation,
           TandemGitPrompt    *prompt,
           PromptFixture      *fixture)
{
  fixture->dialog = tandem_git_prompt_dialog_present (fixture->window, prompt);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (fixture->dialog));
  g_signal_connect_swapped (fixture->dialog, "destroy", G_CALLBACK (g_nullify_pointer), &fixture->dialog);
}

static gboolean
dialog_shown (gpointer data)
{
  PromptFixture *fixture = data;

  return fixture->dialog != NULL && gtk_widget_get_mapped (fixture->dialog);
}

static gboolean
answered (gpointer data)
{
  PromptFixture *fixture = data;

  return g_atomic_int_get (&fixture->done) == 1;
}

static GThread *
prompt_start (PromptFixture *fixture)
{
  GThread *thread;

  fixture->operation = tandem_git_operation_new ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->window);
  g_signal_connect (fixture->operation, "prompt", G_CALLBACK (prompt_cb), fixture);
  thread = g_thread_new ("ask", ask_thread, fixture);
  g_assert_true (tandem_test_wait_until (dialog_shown, fixture, 10000));
  return thread;
}

/* Fills in the question and asks it; waits for the dialog. */
static GThread *
prompt_ask (PromptFixture       *fixture,
            TandemGitPromptKind  kind,
            const char          *url,
            const char          *host)
{
  fixture->request.kind = kind;
  fixture->request.url = url;
  fixture->request.host = host;
  return prompt_start (fixture);
}

static void
prompt_finish (PromptFixture *fixture,
               GThread       *thread)
{
  g_assert_true (tandem_test_wait_until (answered, fixture, 10000));
  g_thread_join (thread);
  tandem_test_spin (100);
  g_assert_null (fixture->dialog);
  _tandem_git_prompt_answer_clear (&fixture->answer);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->operation);
  tandem_test_spin (50);
}

static void
type_into (GtkWidget  *dialog,
           GType       type,
           const char *text)
{
  GtkWidget *entry = tandem_test_find_descendant (dialog, type);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
click (GtkWidget  *dialog,
       const char *label)
{
  GtkWidget *button = views_find_button (dialog, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
test_prompt_userpass (void)
{
  PromptFixture fixture = { 0 };
  GtkWidget *username;
  GtkWidget *password;
  GtkWidget *remember;
  GThread *thread;

  fixture.request.username = "alice";
  fixture.request.retry = TRUE;
  thread = prompt_ask (&fixture, TANDEM_GIT_PROMPT_USERPASS,
                       "https://localhost:8443/team/app.git", "localhost");

  /* Retry notice, user name filled in, password hidden. */
  g_assert_nonnull (views_find_label (fixture.dialog, "The server refused the previous answer"));
  username = tandem_test_find_descendant (fixture.dialog, GTK_TYPE_ENTRY);
  password = tandem_test_find_descendant (fixture.dialog, GTK_TYPE_PASSWORD_ENTRY);
  remember = tandem_test_find_descendant (fixture.dialog, GTK_TYPE_SWITCH);
  g_assert_nonnull (username);
  g_assert_nonnull (password);
  g_assert_nonnull (remember);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (username)), ==, "alice");
  g_assert_false (gtk_widget_get_sensitive (views_find_button (fixture.dialog, "_Sign In")));

  gtk_editable_set_text (GTK_EDITABLE (username), "bob");
  gtk_editable_set_text (GTK_EDITABLE (password), "s3cret-token");
  gtk_switch_set_active (GTK_SWITCH (remember), TRUE);
  tandem_test_spin (200);
  views_screenshot ("prompt-userpass");
  click (fixture.dialog, "_Sign In");

  g_assert_true (tandem_test_wait_until (answered, &fixture, 10000));
  g_assert_true (fixture.returned);
  g_assert_true (fixture.answer.answered);
  g_assert_cmpstr (fixture.answer.username, ==, "bob");
  g_assert_cmpstr (fixture.answer.secret, ==, "s3cret-token");
  g_assert_true (fixture.answer.remember);
  prompt_finish (&fixture, thread);
}

static void
test_prompt_host_key (void)
{
  PromptFixture fixture = { 0 };
  GtkWidget *label;
  GThread *thread;

  fixture.request.fingerprint = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
  fixture.request.detail = "ssh-ed25519";
  thread = prompt_ask (&fixture, TANDEM_GIT_PROMPT_HOST_KEY,
                       "ssh://git@127.0.0.1:2222/srv/app.git", "[127.0.0.1]:2222");

  label = views_find_label (fixture.dialog, "SHA256:47DEQpj8HBSa");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "monospace"));
  g_assert_nonnull (views_find_label (fixture.dialog, "ssh-ed25519"));
  g_assert_nonnull (views_find_label (fixture.dialog, "[127.0.0.1]:2222"));
  /* Enter must not accept a key. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (fixture.dialog)), ==, "reject");
  g_assert_nonnull (views_find_button (fixture.dialog, "_Reject"));
  g_assert_nonnull (views_find_button (fixture.dialog, "Accept _Once"));
  tandem_test_spin (200);
  views_screenshot ("prompt-host-key");
  click (fixture.dialog, "_Always Accept");

  g_assert_true (tandem_test_wait_until (answered, &fixture, 10000));
  g_assert_true (fixture.answer.answered);
  g_assert_cmpint (fixture.answer.trust, ==, TANDEM_GIT_PROMPT_ACCEPT_ALWAYS);
  prompt_finish (&fixture, thread);
}

static void
test_prompt_certificate_reject (void)
{
  PromptFixture fixture = { 0 };
  GThread *thread;

  fixture.request.fingerprint = "AB:CD:EF:01:23";
  fixture.request.detail = "The certificate is self-signed.";
  thread = prompt_ask (&fixture, TANDEM_GIT_PROMPT_CERTIFICATE,
                       "https://localhost:8443/app.git", "localhost");

  g_assert_nonnull (views_find_label (fixture.dialog, "self-signed"));
  g_assert_nonnull (views_find_label (fixture.dialog, "AB:CD:EF:01:23"));
  tandem_test_spin (200);
  views_screenshot ("prompt-certificate");
  click (fixture.dialog, "_Reject");

  /* A rejection does not let the operation go on. */
  g_assert_true (tandem_test_wait_until (answered, &fixture, 10000));
  g_assert_false (fixture.returned);
  g_assert_cmpint (fixture.answer.trust, ==, TANDEM_GIT_PROMPT_REJECT);
  prompt_finish (&fixture, thread);
}

static void
test_prompt_close_cancels (void)
{
  static const TandemGitPromptKind kinds[] = {
    TANDEM_GIT_PROMPT_USERNAME,
    TANDEM_GIT_PROMPT_PASSPHRASE,
    TANDEM_GIT_PROMPT_HOST_KEY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      PromptFixture fixture = { 0 };
      GThread *thread;

      fixture.request.kind = kinds[i];
      fixture.request.url = "ssh://example.com/app.git";
      fixture.request.host = "example.com";
      fixture.request.key_path = "/home/me/.ssh/id_ed25519";
      fixture.request.fingerprint = "SHA256:abc";
      fixture.request.detail = "ssh-ed25519";
      thread = prompt_start (&fixture);

      if (kinds[i] == TANDEM_GIT_PROMPT_PASSPHRASE)
        g_assert_nonnull (views_find_label (fixture.dialog, "id_ed25519"));

      gtk_window_close (GTK_WINDOW (fixture.dialog));

      g_assert_true (tandem_test_wait_until (answered, &fixture, 10000));
      g_assert_false (fixture.returned);
      g_assert_false (fixture.answer.answered);
      prompt_finish (&fixture, thread);
    }
}

static void
test_prompt_username_passphrase (void)
{
  PromptFixture fixture = { 0 };
  GThread *thread;

  thread = prompt_ask (&fixture, TANDEM_GIT_PROMPT_USERNAME,
                       "ssh://example.com/app.git", "example.com");
  g_assert_false (gtk_widget_get_sensitive (views_find_button (fixture.dialog, "C_ontinue")));
  type_into (fixture.dialog, GTK_TYPE_ENTRY, "git");
  click (fixture.dialog, "C_ontinue");
  g_assert_true (tandem_test_wait_until (answered, &fixture, 10000));
  g_assert_cmpstr (fixture.answer.username, ==, "git");
  prompt_finish (&fixture, thread);

  memset (&fixture, 0, sizeof fixture);
  fixture.request.kind = TANDEM_GIT_PROMPT_PASSPHRASE;
  fixture.request.url = "ssh://git@example.com/app.git";
  fixture.request.key_path = "/home/me/.ssh/id_ed25519";
  fixture.request.retry = TRUE;
  thread = prompt_start (&fixture);
  g_assert_nonnull (views_find_label (fixture.dialog, "The server refused the previous answer"));
  type_into (fixture.dialog, GTK_TYPE_PASSWORD_ENTRY, "open sesame");
  click (fixture.dialog, "_Unlock");
  g_assert_true (tandem_test_wait_until (answered, &fixture, 10000));
  g_assert_cmpstr (fixture.answer.secret, ==, "open sesame");
  prompt_finish (&fixture, thread);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/git-dialogs/clone/clone", test_clone_dialog_clone);
  g_test_add_func ("/git-dialogs/clone/not-empty", test_clone_dialog_not_empty);
  g_test_add_func ("/git-dialogs/clone/failure", test_clone_dialog_failure);
  g_test_add_func ("/git-dialogs/clone/stop", test_clone_dialog_stop);
  g_test_add_func ("/git-dialogs/clone/urls", test_clone_dialog_urls);
  g_test_add_func ("/git-dialogs/prompt/userpass", test_prompt_userpass);
  g_test_add_func ("/git-dialogs/prompt/host-key", test_prompt_host_key);
  g_test_add_func ("/git-dialogs/prompt/certificate-reject", test_prompt_certificate_reject);
  g_test_add_func ("/git-dialogs/prompt/close-cancels", test_prompt_close_cancels);
  g_test_add_func ("/git-dialogs/prompt/username-passphrase", test_prompt_username_passphrase);

  return g_test_run ();
}
