/* tandem-git-prompt-dialog.c
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

#define G_LOG_DOMAIN "tandem-git-prompt-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-git-prompt-dialog.h"

/* The questions of a network operation, one AdwMessageDialog per question. The dialog
 * is built in code because its content depends on the kind of question. Exactly one
 * answer is sent: a response, or a cancel when the dialog goes away unanswered. */

typedef struct
{
  TandemGitPrompt *prompt;
  GtkEditable     *username;    /* borrowed, may be NULL */
  GtkEditable     *secret;      /* borrowed, may be NULL */
  GtkSwitch       *remember;    /* borrowed, may be NULL */
  guint            answered : 1;
} PromptState;

static void
prompt_state_free (gpointer data)
{
  PromptState *state = data;

  /* Destroyed without an answer (e.g. its window closed): the operation must not wait. */
  if (!state->answered)
    tandem_git_prompt_cancel (state->prompt);
  g_clear_object (&state->prompt);
  g_free (state);
}

static const char *
editable_text (GtkEditable *editable)
{
  return editable != NULL ? gtk_editable_get_text (editable) : "";
}

static void
tandem_git_prompt_dialog_update (AdwMessageDialog *dialog)
{
  PromptState *state = g_object_get_data (G_OBJECT (dialog), "tandem-prompt-state");
  gboolean ok = TRUE;

  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert (state != NULL);

  if (state->username != NULL)
    ok &= editable_text (state->username)[0] != '\0';
  /* A passphrase may be empty (a key without one asked by mistake); a password may not. */
  if (state->secret != NULL && state->username != NULL)
    ok &= editable_text (state->secret)[0] != '\0';
  if (adw_message_dialog_has_response (dialog, "ok"))
    adw_message_dialog_set_response_enabled (dialog, "ok", ok);
}

static void
tandem_git_prompt_dialog_response_cb (AdwMessageDialog *dialog,
                                      const char       *response,
                                      PromptState      *state)
{
  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert (response != NULL);
  g_assert (state != NULL);

  if (state->answered)
    return;
  state->answered = TRUE;

  if (g_str_equal (response, "ok"))
    {
      switch (tandem_git_prompt_get_kind (state->prompt))
        {
        case TANDEM_GIT_PROMPT_USERNAME:
          tandem_git_prompt_reply_username (state->prompt, editable_text (state->username));
          break;
        case TANDEM_GIT_PROMPT_USERPASS:
          tandem_git_prompt_reply_userpass (state->prompt,
                                            editable_text (state->username),
                                            editable_text (state->secret),
                                            gtk_switch_get_active (state->remember));
          break;
        case TANDEM_GIT_PROMPT_PASSPHRASE:
          tandem_git_prompt_reply_passphrase (state->prompt, editable_text (state->secret));
          break;
        case TANDEM_GIT_PROMPT_HOST_KEY:
        case TANDEM_GIT_PROMPT_CERTIFICATE:
        default:
          tandem_git_prompt_cancel (state->prompt);
          break;
        }
    }
  else if (g_str_equal (response, "once"))
    tandem_git_prompt_reply_trust (state->prompt, TANDEM_GIT_PROMPT_ACCEPT_ONCE);
  else if (g_str_equal (response, "always"))
    tandem_git_prompt_reply_trust (state->prompt, TANDEM_GIT_PROMPT_ACCEPT_ALWAYS);
  else if (g_str_equal (response, "reject"))
    tandem_git_prompt_reply_trust (state->prompt, TANDEM_GIT_PROMPT_REJECT);
  else
    tandem_git_prompt_cancel (state->prompt);

  /* Forget the secret as soon as it was handed over. Focus leaves the password entry
   * first: GTK 4.8's GtkPasswordEntry otherwise gets a focus notification from its
   * window after it was destroyed with it. */
  if (state->secret != NULL)
    {
      gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
      gtk_editable_set_text (state->secret, "");
    }
}

static GtkWidget *
add_entry (GtkBox     *box,
           const char *label,
           gboolean    secret)
{
  GtkWidget *entry;
  GtkWidget *caption;

  g_assert (GTK_IS_BOX (box));
  g_assert (label != NULL);

  caption = gtk_label_new_with_mnemonic (label);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_box_append (box, caption);

  if (secret)
    {
      entry = gtk_password_entry_new ();
      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
      g_object_set (entry, "activates-default", TRUE, NULL);
    }
  else
    {
      entry = gtk_entry_new ();
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
    }
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL,
                                  -1);
  gtk_box_append (box, entry);

  return entry;
}

static void
add_value (GtkBox     *box,
           const char *caption_text,
           const char *value,
           gboolean    monospace)
{
  GtkWidget *caption;
  GtkWidget *label;

  g_assert (GTK_IS_BOX (box));

  if (value == NULL || value[0] == '\0')
    return;

  caption = gtk_label_new (caption_text);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_box_append (box, caption);

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (monospace)
    {
      /* Fingerprints break anywhere, and are compared character by character. */
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
      gtk_widget_add_css_class (label, "monospace");
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL,
                                  -1);
  gtk_box_append (box, label);
}

static void
add_retry_notice (GtkBox          *box,
                  TandemGitPrompt *prompt)
{
  GtkWidget *label;

  g_assert (GTK_IS_BOX (box));

  if (!tandem_git_prompt_get_retry (prompt))
    return;

  label = gtk_label_new (_("The server refused the previous answer. Check it and try again."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (box, label);
}

static void
tandem_git_prompt_dialog_build (AdwMessageDialog *dialog,
                                PromptState      *state,
                                GtkBox           *box)
{
  TandemGitPrompt *prompt = state->prompt;
  const char *host = tandem_git_prompt_get_host (prompt);
  const char *username = tandem_git_prompt_get_username (prompt);
  const char *detail = tandem_git_prompt_get_detail (prompt);
  GtkWidget *row;

  if (host == NULL)
    host = tandem_git_prompt_get_url (prompt);
  if (host == NULL)
    host = "";

  switch (tandem_git_prompt_get_kind (prompt))
    {
    case TANDEM_GIT_PROMPT_USERNAME:
      adw_message_dialog_set_heading (dialog, _("User Name Needed"));
      adw_message_dialog_format_body (dialog, _("Which user name should be used to sign in to %s?"),
                                      host);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", _("C_ontinue"), NULL);
      state->username = GTK_EDITABLE (add_entry (box, _("_User Name"), FALSE));
      break;

    case TANDEM_GIT_PROMPT_USERPASS:
      adw_message_dialog_set_heading (dialog, _("Sign In"));
      adw_message_dialog_format_body (dialog,
                                      _("%s asks for a user name and a password or access token."),
                                      host);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", _("_Sign In"), NULL);
      add_retry_notice (box, prompt);
      state->username = GTK_EDITABLE (add_entry (box, _("_User Name"), FALSE));
      state->secret = GTK_EDITABLE (add_entry (box, _("_Password or Token"), TRUE));

      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_margin_top (row, 6);
      {
        GtkWidget *label = gtk_label_new_with_mnemonic (_("_Remember in keyring"));
        GtkWidget *toggle = gtk_switch_new ();

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_set_hexpand (label, TRUE);
        gtk_label_set_mnemonic_widget (GTK_LABEL (label), toggle);
        gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
        gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                        -1);
        gtk_box_append (GTK_BOX (row), label);
        gtk_box_append (GTK_BOX (row), toggle);
        state->remember = GTK_SWITCH (toggle);
      }
      gtk_box_append (box, row);
      break;

    case TANDEM_GIT_PROMPT_PASSPHRASE:
      adw_message_dialog_set_heading (dialog, _("Unlock SSH Key"));
      adw_message_dialog_format_body (dialog, _("Enter the passphrase of the key “%s”."),
                                      tandem_git_prompt_get_key_path (prompt) != NULL
                                        ? tandem_git_prompt_get_key_path (prompt) : "");
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", _("_Unlock"), NULL);
      add_retry_notice (box, prompt);
      state->secret = GTK_EDITABLE (add_entry (box, _("_Passphrase"), TRUE));
      break;

    case TANDEM_GIT_PROMPT_HOST_KEY:
      adw_message_dialog_set_heading (dialog, _("Unknown Host"));
      adw_message_dialog_format_body (dialog,
                                      _("The identity of %s cannot be confirmed: its key is not "
                                        "in your list of known hosts. Only accept it if the "
                                        "fingerprint matches the one the server’s owner "
                                        "publishes."),
                                      host);
      adw_message_dialog_add_responses (dialog,
                                        "reject", _("_Reject"),
                                        "once", _("Accept _Once"),
                                        "always", _("_Always Accept"),
                                        NULL);
      add_value (box, _("Key Type"), detail, TRUE);
      add_value (box, _("Fingerprint"), tandem_git_prompt_get_fingerprint (prompt), TRUE);
      break;

    case TANDEM_GIT_PROMPT_CERTIFICATE:
      adw_message_dialog_set_heading (dialog, _("Untrusted Certificate"));
      adw_message_dialog_format_body (dialog,
                                      _("The certificate of %s is not trusted, so the connection "
                                        "may not be private. Only accept it if you know why this "
                                        "server uses this certificate."),
                                      host);
      adw_message_dialog_add_responses (dialog,
                                        "reject", _("_Reject"),
                                        "always", _("_Accept for This Host"),
                                        NULL);
      add_value (box, _("Reason"), detail, FALSE);
      add_value (box, _("SHA-256 Fingerprint"), tandem_git_prompt_get_fingerprint (prompt), TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  if (adw_message_dialog_has_response (dialog, "ok"))
    {
      adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "ok");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }
  else
    {
      /* Trust questions: Enter must never accept a key; closing rejects. */
      adw_message_dialog_set_default_response (dialog, "reject");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }

  if (state->username != NULL && username != NULL)
    gtk_editable_set_text (state->username, username);
}

/**
 * tandem_git_prompt_dialog_present:
 * @parent: (nullable): the window the dialog is modal to
 * @prompt: the question
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
tandem_git_prompt_dialog_present (GtkWindow       *parent,
                                  TandemGitPrompt *prompt)
{
  AdwMessageDialog *dialog;
  PromptState *state;
  GtkWidget *box;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_GIT_PROMPT (prompt), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "tandem-git-prompt");

  state = g_new0 (PromptState, 1);
  state->prompt = g_object_ref (prompt);
  g_object_set_data_full (G_OBJECT (dialog), "tandem-prompt-state", state, prompt_state_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  tandem_git_prompt_dialog_build (dialog, state, GTK_BOX (box));
  if (gtk_widget_get_first_child (box) != NULL)
    adw_message_dialog_set_extra_child (dialog, box);
  else
    g_object_unref (g_object_ref_sink (box));

  if (state->username != NULL)
    g_signal_connect_swapped (state->username, "changed",
                              G_CALLBACK (tandem_git_prompt_dialog_update), dialog);
  if (state->secret != NULL)
    g_signal_connect_swapped (state->secret, "changed",
                              G_CALLBACK (tandem_git_prompt_dialog_update), dialog);
  tandem_git_prompt_dialog_update (dialog);

  g_signal_connect (dialog, "response", G_CALLBACK (tandem_git_prompt_dialog_response_cb), state);

  gtk_window_present (GTK_WINDOW (dialog));

  /* Focus what the user has to type first. */
  if (state->username != NULL && editable_text (state->username)[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (state->username));
  else if (state->secret != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (state->secret));

  return GTK_WIDGET (dialog);
}
