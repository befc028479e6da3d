/* tandem-git-history.c
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

#define G_LOG_DOMAIN "tandem-git-history"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-git-history.h"

#define PAGE_SIZE 50

struct _TandemGitHistory
{
  GtkWidget            parent_instance;

  /* Owned references */
  TandemGitRepository *repository;
  GListStore          *commits;
  GCancellable        *cancellable;

  /* Children */
  GtkWidget           *stack;
  GtkScrolledWindow   *scroller;
  GtkListView         *list_view;
  GtkLabel            *empty_label;

  guint                loading : 1;
  guint                at_end : 1;
};

G_DEFINE_FINAL_TYPE (TandemGitHistory, tandem_git_history, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  COMMIT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void tandem_git_history_load_more (TandemGitHistory *self);

char *
tandem_git_format_relative_time (GDateTime *time,
                                 GDateTime *now)
{
  GTimeSpan span;
  gint64 minutes, hours, days;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  span = g_date_time_difference (now, time);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;
  days = span / G_TIME_SPAN_DAY;

  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes),
                            (int)minutes);
  if (hours < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                            (int)hours);
  if (days < 2)
    return g_strdup (_("yesterday"));
  if (days < 30)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                            (int)days);

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (time);

    /* Translators: the date of an older commit, see g_date_time_format() */
    return g_date_time_format (local, _("%e %b %Y"));
  }
}

static void
tandem_git_history_set_loading (TandemGitHistory *self,
                                gboolean          loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
tandem_git_history_update_empty (TandemGitHistory *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->commits)) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty && !self->loading);
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), !empty);
}

static void
tandem_git_history_loaded_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  TandemGitRepository *repository = TANDEM_GIT_REPOSITORY (object);
  g_autoptr(TandemGitHistory) self = user_data;
  g_autoptr(GPtrArray) commits = NULL;
  g_autoptr(GError) error = NULL;

  commits = tandem_git_repository_history_finish (repository, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || repository != self->repository)
    return;

  tandem_git_history_set_loading (self, FALSE);

  if (commits == NULL)
    {
      g_autofree char *text = NULL;

      self->at_end = TRUE;
      /* Translators: %s is the reason */
      text = g_strdup_printf (_("The history could not be read: %s"), error->message);
      gtk_label_set_text (self->empty_label, text);
      tandem_git_history_update_empty (self);
      return;
    }

  g_list_store_splice (self->commits, g_list_model_get_n_items (G_LIST_MODEL (self->commits)), 0,
                       commits->pdata, commits->len);
  self->at_end = commits->len < PAGE_SIZE;
  tandem_git_history_update_empty (self);
}

static void
tandem_git_history_load_more (TandemGitHistory *self)
{
  g_assert (TANDEM_IS_GIT_HISTORY (self));

  if (self->repository == NULL || self->loading || self->at_end)
    return;

  tandem_git_history_set_loading (self, TRUE);
  tandem_git_repository_history_async (self->repository,
                                       g_list_model_get_n_items (G_LIST_MODEL (self->commits)),
                                       PAGE_SIZE, self->cancellable,
                                       tandem_git_history_loaded_cb, g_object_ref (self));
}

void
tandem_git_history_reload (TandemGitHistory *self)
{
  g_return_if_fail (TANDEM_IS_GIT_HISTORY (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_list_store_remove_all (self->commits);
  self->at_end = FALSE;
  tandem_git_history_set_loading (self, FALSE);
  gtk_label_set_text (self->empty_label, _("No commits yet"));
  tandem_git_history_load_more (self);
  tandem_git_history_update_empty (self);
}

void
tandem_git_history_set_repository (TandemGitHistory    *self,
                                   TandemGitRepository *repository)
{
  g_return_if_fail (TANDEM_IS_GIT_HISTORY (self));
  g_return_if_fail (!repository || TANDEM_IS_GIT_REPOSITORY (repository));

  if (g_set_object (&self->repository, repository))
    tandem_git_history_reload (self);
}

GListModel *
tandem_git_history_get_model (TandemGitHistory *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_HISTORY (self), NULL);

  return G_LIST_MODEL (self->commits);
}

gboolean
tandem_git_history_get_loading (TandemGitHistory *self)
{
  g_return_val_if_fail (TANDEM_IS_GIT_HISTORY (self), FALSE);

  return self->loading;
}

static void
tandem_git_history_edge_reached_cb (TandemGitHistory  *self,
                                    GtkPositionType    position,
                                    GtkScrolledWindow *scroller)
{
  g_assert (TANDEM_IS_GIT_HISTORY (self));

  if (position == GTK_POS_BOTTOM)
    tandem_git_history_load_more (self);
}

/* A short page may not fill the view, so there is no edge to reach: load on. */
static void
tandem_git_history_upper_cb (TandemGitHistory *self,
                             GParamSpec       *pspec,
                             GtkAdjustment    *adjustment)
{
  g_assert (TANDEM_IS_GIT_HISTORY (self));

  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) <
      gtk_adjustment_get_page_size (adjustment) / 4)
    tandem_git_history_load_more (self);
}

static void
tandem_git_history_activate_cb (TandemGitHistory *self,
                                guint             position,
                                GtkListView      *list_view)
{
  g_autoptr(TandemGitCommit) commit = NULL;

  g_assert (TANDEM_IS_GIT_HISTORY (self));

  commit = g_list_model_get_item (G_LIST_MODEL (self->commits), position);
  if (commit != NULL)
    g_signal_emit (self, signals[COMMIT_ACTIVATED], 0, commit);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), summary);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  TandemGitCommit *commit = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *summary = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (summary);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = tandem_git_format_relative_time (tandem_git_commit_get_time (commit), now);
  g_autofree char *text = NULL;

  /* Translators: author, relative date and short commit id under a commit's summary */
  text = g_strdup_printf (_("%s · %s · %s"), tandem_git_commit_get_author_name (commit), when,
                          tandem_git_commit_get_short_id (commit));
  gtk_label_set_text (GTK_LABEL (summary), tandem_git_commit_get_summary (commit));
  gtk_label_set_text (GTK_LABEL (detail), text);
  gtk_widget_set_tooltip_text (box, tandem_git_commit_get_message (commit));
}

static void
tandem_git_history_dispose (GObject *object)
{
  TandemGitHistory *self = (TandemGitHistory *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (tandem_git_history_parent_class)->dispose (object);
}

static void
tandem_git_history_finalize (GObject *object)
{
  TandemGitHistory *self = (TandemGitHistory *)object;

  g_clear_object (&self->commits);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_git_history_parent_class)->finalize (object);
}

static void
tandem_git_history_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemGitHistory *self = TANDEM_GIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_git_history_class_init (TandemGitHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_git_history_dispose;
  object_class->finalize = tandem_git_history_finalize;
  object_class->get_property = tandem_git_history_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COMMIT_ACTIVATED] =
    g_signal_new ("commit-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TANDEM_TYPE_GIT_COMMIT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "githistory");
}

static void
tandem_git_history_init (TandemGitHistory *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  self->commits = g_list_store_new (TANDEM_TYPE_GIT_COMMIT);
  self->cancellable = g_cancellable_new ();

  self->stack = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->empty_label = GTK_LABEL (gtk_label_new (_("No commits yet")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->empty_label), TRUE);
  gtk_box_append (GTK_BOX (self->stack), GTK_WIDGET (self->empty_label));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->commits)));
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Commit history"), -1);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (tandem_git_history_activate_cb), self, G_CONNECT_SWAPPED);

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), FALSE);
  gtk_box_append (GTK_BOX (self->stack), GTK_WIDGET (self->scroller));

  g_signal_connect_object (self->scroller, "edge-reached",
                           G_CALLBACK (tandem_git_history_edge_reached_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "notify::upper",
                           G_CALLBACK (tandem_git_history_upper_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tandem_git_history_new (void)
{
  return g_object_new (TANDEM_TYPE_GIT_HISTORY, NULL);
}
